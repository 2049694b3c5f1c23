/** PostgreSQL bigint arrives as a string; UIDs, MODSEQs and byte counts stay far below 2^53. */
export function toNumber(value: string | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
