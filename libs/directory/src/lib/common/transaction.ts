import type { DataSource, EntityManager } from 'typeorm';

/** Runs work in one transaction; every change and its audit entry commit or roll back together. */
export function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
