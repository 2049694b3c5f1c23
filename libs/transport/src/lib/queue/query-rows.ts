/**
 * The rows of a raw UPDATE or DELETE … RETURNING. TypeORM's PostgreSQL driver answers those with
 * `[rows, affectedCount]` (and, through a WITH, depending on the engine, with the rows alone), so
 * both shapes are accepted. Rows are objects, never arrays: the two cannot be confused.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
