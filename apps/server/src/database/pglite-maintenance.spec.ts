import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../testing/test-database';
import { PgliteMaintenance, QUEUE_TABLES, STORE_TABLES } from './pglite-maintenance.service';
import { isPglite } from './pglite-pool';

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
    // A session sends its table statistics at most once a second: those of the DELETE could otherwise
    // arrive after the vacuum counted the table clean (CI saw 200 dead rows after it).
    await db.query(`SELECT pg_stat_force_next_flush()`);
    await db.query(`SELECT 1`);
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

  it('analyzes a table as soon as it has rows, then whenever it has doubled in size', async () => {
    const maintenance = new PgliteMaintenance(db);
    // PostgreSQL's autovacuum must not analyze it meanwhile.
    await db.query(`CREATE TABLE grown_probe (id int, pad text) WITH (autovacuum_enabled = false)`);
    const fill = (from: number, to: number) =>
      db.query(`INSERT INTO grown_probe SELECT g, repeat('x', 100) FROM generate_series($1::int, $2::int) g`, [
        from,
        to,
      ]);
    const estimate = async () =>
      Number((await db.query(`SELECT reltuples FROM pg_class WHERE relname = 'grown_probe'`))[0].reltuples);
    try {
      expect(await maintenance.grownTables()).not.toContain('grown_probe'); // empty
      await fill(1, 10);
      expect(await maintenance.grownTables()).toContain('grown_probe'); // rows and no statistics
      await maintenance.runOnce('queue');
      expect(await estimate()).toBe(10);
      await fill(11, 50);
      expect(await maintenance.grownTables()).not.toContain('grown_probe'); // one page: below GROWN_MIN_PAGES
      await fill(51, 2_000);
      expect(await maintenance.grownTables()).toContain('grown_probe');
      await maintenance.runOnce('queue');
      expect(await estimate()).toBe(2_000);
      expect(await maintenance.grownTables()).not.toContain('grown_probe');
      await fill(2_001, 3_000); // half as much again: not yet
      expect(await maintenance.grownTables()).not.toContain('grown_probe');
      await fill(3_001, 4_500);
      await maintenance.runOnce('store');
      expect(await estimate()).toBe(4_500);
    } finally {
      await db.query(`DROP TABLE grown_probe`);
    }
  });

  it('checkpoints: the redo point moves past the writes made before', async () => {
    const maintenance = new PgliteMaintenance(db);
    const lsn = async (sql: string) => (await db.query<Array<{ lsn: string }>>(sql))[0].lsn;
    const redo = () => lsn(`SELECT redo_lsn::text AS lsn FROM pg_control_checkpoint()`);
    await db.query(`INSERT INTO administrative_group (name) VALUES ('checkpoint-probe')`);
    const written = await lsn(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
    const before = await redo();
    expect(await maintenance.runOnce('checkpoint')).toBeGreaterThanOrEqual(0);
    const after = await redo();
    const [moved] = await db.query<Array<{ past: boolean; advanced: boolean }>>(
      `SELECT $1::pg_lsn >= $2::pg_lsn AS past, $1::pg_lsn > $3::pg_lsn AS advanced`,
      [after, written, before],
    );
    expect(moved).toEqual({ past: true, advanced: true });
  });

  it('schedules itself only on PGlite (PostgreSQL has autovacuum)', async () => {
    const maintenance = new PgliteMaintenance(db);
    maintenance.onApplicationBootstrap();
    const scheduled = (maintenance as unknown as { timer: NodeJS.Timeout | null }).timer !== null;
    await maintenance.onModuleDestroy();
    expect(scheduled).toBe(isPglite(db));
  });
});
