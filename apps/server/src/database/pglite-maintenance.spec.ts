import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../testing/test-database';
import { PgliteMaintenance, QUEUE_TABLES, STORE_TABLES } from './pglite-maintenance.service';
import { pgliteOf } from './pglite-pool';

describe('PGlite maintenance', () => {
  let db: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource: db, close } = await openTestDataSource());
  });
  afterAll(async () => close());

  it('vacuums and analyzes the queue and store tables, then the whole database', async () => {
    const maintenance = new PgliteMaintenance(db);
    await db.query(`INSERT INTO administrative_group (name) SELECT 'maintenance-' || g FROM generate_series(1, 200) g`);
    await db.query(`DELETE FROM administrative_group WHERE name LIKE 'maintenance-%'`);
    expect(await maintenance.runOnce('queue')).toBeGreaterThanOrEqual(0);
    expect(await maintenance.runOnce('store')).toBeGreaterThanOrEqual(0);
    const busyTables = [...QUEUE_TABLES, ...STORE_TABLES];
    const busy = await db.query<Array<{ relname: string; vacuumed: boolean; analyzed: boolean }>>(
      `SELECT relname, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analyzed
         FROM pg_stat_user_tables WHERE relname = ANY($1::text[]) ORDER BY relname`,
      [busyTables],
    );
    expect(busy.map((t) => t.relname)).toEqual([...busyTables].sort());
    expect(busy.every((t) => t.vacuumed && t.analyzed)).toBe(true);

    await maintenance.runOnce('full');
    const [groups] = await db.query<Array<{ analyzed: boolean; dead: number }>>(
      `SELECT last_analyze IS NOT NULL AS analyzed, n_dead_tup::int AS dead
         FROM pg_stat_user_tables WHERE relname = 'administrative_group'`,
    );
    expect(groups).toEqual({ analyzed: true, dead: 0 });
  });

  it('schedules itself only on PGlite (PostgreSQL has autovacuum)', async () => {
    const maintenance = new PgliteMaintenance(db);
    maintenance.onApplicationBootstrap();
    const scheduled = (maintenance as unknown as { timer: NodeJS.Timeout | null }).timer !== null;
    await maintenance.onModuleDestroy();
    expect(scheduled).toBe(pgliteOf(db) !== undefined);
  });
});
