/** The keys of `current` whose value differs from `original` (deep comparison by JSON). */
export function changedKeys<T extends object>(original: T, current: Partial<T>): Array<keyof T> {
  return (Object.keys(current) as Array<keyof T>).filter(
    (key) => JSON.stringify(current[key] ?? null) !== JSON.stringify(original[key] ?? null),
  );
}

/** Only what changed, so a PATCH touches nothing else. */
export function changes<T extends object>(original: T, current: Partial<T>): Partial<T> {
  const result: Partial<T> = {};
  for (const key of changedKeys(original, current)) result[key] = current[key];
  return result;
}

/** An `<input type="number">` value: null for empty, otherwise the number (NaN stays for the API to reject). */
export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'number' ? value : Number(value);
}
