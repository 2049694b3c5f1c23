/** Deep equality of JSON-like values; object key order does not matter, undefined equals null. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  return [...keys].every((k) => sameValue(ra[k], rb[k]));
}

/** The keys of `current` whose value differs from `original`. */
export function changedKeys<T extends object>(original: T, current: Partial<T>): Array<keyof T> {
  return (Object.keys(current) as Array<keyof T>).filter((key) => !sameValue(current[key], original[key]));
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
