import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createPgliteDriver, dumpPglite, inTransactionScope } from './pglite-pool';
import { templateDump } from './pglite-template';
import { createPgliteWorkerDriver } from './pglite-worker-pool';
import { MIGRATIONS } from '@estafette/migrations';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import type { ServerConfig } from '../config/server-config';
import { SqlStatisticsLogger } from './sql-statistics.logger';

/**
 * One SQL dialect, two engines: PostgreSQL when DATABASE_URL is set, embedded
 * PGlite (PostgreSQL in WASM) under the data dir otherwise. The same migrations
 * run on both; `synchronize` is never used.
 */
export function buildDataSourceOptions(config: ServerConfig): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    // gen_random_uuid() is built in since PostgreSQL 13: no extension to install.
    installExtensions: false,
    uuidExtension: 'pgcrypto' as const,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Query errors surface as exceptions; the API filter logs the ones that become 500s.
    logging: false,
    ...sqlStatistics(),
  };
  if (config.databaseUrl) {
    return { ...common, url: config.databaseUrl, extra: { max: 10 } };
  }
  // PGlite runs in a worker thread (ADR 0005); ESTAFETTE_PGLITE_WORKER=0 keeps it on the main thread.
  const inWorker = process.env['ESTAFETTE_PGLITE_WORKER'] !== '0';
  if (config.inMemoryDatabase) {
    const template = startingTemplate(config);
    const driver = inWorker
      ? createPgliteWorkerDriver({ template })
      : createPgliteDriver(template ? { loadDataDir: templateDump(template) } : {});
    return { ...common, driver };
  }
  const dir = join(config.dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  return {
    ...common,
    driver: inWorker ? createPgliteWorkerDriver({ dataDir: dir }) : createPgliteDriver({ dataDir: dir }),
  };
}

export async function openDataSource(config: ServerConfig): Promise<DataSource> {
  const dataSource = new DataSource(buildDataSourceOptions(config));
  if (!config.databaseUrl && config.leaseCheck) {
    // DataSource.transaction delegates here: every transaction runs in its own lease scope.
    const manager = dataSource.manager;
    const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
    manager.transaction = ((...args: unknown[]) =>
      inTransactionScope(() => transaction(...args))) as typeof manager.transaction;
  }
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  // The first in-memory database of a test run leaves its migrated state for the next ones (a template
  // that could not be written only means the next one migrates too).
  if (config.inMemoryDatabase && !config.databaseUrl && config.databaseTemplate && !startingTemplate(config))
    await dumpPglite(dataSource, config.databaseTemplate).catch(() => undefined);
  return dataSource;
}

/** The template an in-memory database starts from, when there is one yet. */
function startingTemplate(config: ServerConfig): string | undefined {
  const path = config.databaseTemplate;
  return path && existsSync(path) ? path : undefined;
}

/** ESTAFETTE_SQL_STATS=FILE: time every statement (a benchmark diagnostic, see SqlStatisticsLogger). */
function sqlStatistics(): { logger?: SqlStatisticsLogger; maxQueryExecutionTime?: number } {
  const file = process.env['ESTAFETTE_SQL_STATS'];
  if (!file) return {};
  return { logger: new SqlStatisticsLogger(file), maxQueryExecutionTime: 0.000001 };
}
