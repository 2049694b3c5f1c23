import type { EntityManager } from 'typeorm';

/**
 * Rows of a raw query. TypeORM answers a bare UPDATE or DELETE … RETURNING with [rows, affected] instead of
 * the rows; this returns the rows whatever the command.
 */
export async function queryRows<T extends unknown[]>(
  manager: EntityManager,
  sql: string,
  params?: unknown[],
): Promise<T> {
  const result = (await manager.query(sql, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T;
  return result as T;
}
