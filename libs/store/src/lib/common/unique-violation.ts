import { QueryFailedError } from 'typeorm';

/** Whether a query failed on a unique index (PostgreSQL 23505): someone else committed the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === '23505'
  );
}
