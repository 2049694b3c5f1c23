import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalDurability } from './pglite-durable-wal';
import { dumpPglite, pgliteNotificationsOf } from './pglite-pool';
import { createPgliteWorkerDriver } from './pglite-worker-pool';

const dir = mkdtempSync(join(tmpdir(), 'estafette-pglite-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An empty database's dump: the in-memory ones start from it rather than from initdb (2 s each). */
const empty = join(dir, 'empty.tar');
let template: string | undefined;

async function open(dataDir?: string): Promise<DataSource> {
  const driver = createPgliteWorkerDriver(dataDir ? { dataDir } : { template });
  const data = new DataSource({ type: 'postgres', driver });
  await data.initialize();
  return data;
}

beforeAll(async () => {
  const first = await open();
  await dumpPglite(first, empty);
  await first.destroy();
  template = empty;
}, 120_000);

describe('PGlite in a worker thread', () => {
  it('answers with typed rows, parameterless and parameterised, and counts affected rows', async () => {
    const data = await open();
    try {
      await data.query(`CREATE TABLE item (n int PRIMARY KEY, ok boolean, doc jsonb, tags text[], at timestamptz)`);
      const at = new Date('2026-11-29T12:00:00Z');
      await data.query('INSERT INTO item VALUES ($1, $2, $3, $4, $5)', [1, true, { a: [1, 'x'] }, ['p', 'q'], at]);
      await data.query('INSERT INTO item VALUES ($1, $2, $3, $4, $5)', [2, false, null, [], at]);
      expect(await data.query('SELECT n, ok, doc, tags, at FROM item WHERE n = $1', [1])).toEqual([
        { n: 1, ok: true, doc: { a: [1, 'x'] }, tags: ['p', 'q'], at },
      ]);
      expect(await data.query('SELECT count(*)::int AS n FROM item')).toEqual([{ n: 2 }]);
      const [, affected] = (await data.query('UPDATE item SET ok = $1 WHERE n > $2', [true, 0])) as [unknown, number];
      expect(affected).toBe(2);
    } finally {
      await data.destroy();
    }
  });

  it('reports SQL errors as PostgreSQL does and keeps serving; a statement whose table changed shape runs again', async () => {
    const data = await open();
    try {
      await data.query('CREATE TABLE item (n int PRIMARY KEY)');
      await data.query('INSERT INTO item VALUES ($1)', [1]);
      const duplicate = await data.query('INSERT INTO item VALUES ($1)', [1]).catch((e: unknown) => e);
      expect(duplicate).toBeInstanceOf(QueryFailedError);
      expect(
        (duplicate as QueryFailedError & { driverError: { code: string; constraint: string } }).driverError,
      ).toMatchObject({ code: '23505', constraint: 'item_pkey' });
      await expect(data.query('SELEC 1')).rejects.toThrow(/syntax error/);
      await expect(data.query('SELECT nope FROM item WHERE n = $1', [1])).rejects.toThrow(/column "nope"/);
      expect(await data.query('SELECT * FROM item WHERE n = $1', [1])).toEqual([{ n: 1 }]);
      await data.query('ALTER TABLE item ADD COLUMN label text');
      expect(await data.query('SELECT * FROM item WHERE n = $1', [1])).toEqual([{ n: 1, label: null }]);
    } finally {
      await data.destroy();
    }
  });

  it('runs a statement from outside a transaction only once the transaction is over', async () => {
    const data = await open();
    try {
      await data.query('CREATE TABLE item (n int)');
      const runner = data.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await runner.query('INSERT INTO item VALUES ($1)', [1]);
      let counted: unknown = null;
      const outside = data.query('SELECT count(*)::int AS n FROM item WHERE n > $1', [0]).then((rows) => {
        counted = rows;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(counted).toBeNull(); // not run inside the open transaction
      await runner.query('INSERT INTO item VALUES ($1)', [2]);
      await runner.rollbackTransaction();
      await runner.release();
      await outside;
      expect(counted).toEqual([{ n: 0 }]);
      await data.transaction(async (manager) => {
        await manager.query('INSERT INTO item VALUES ($1)', [3]);
        await manager.query('INSERT INTO item VALUES ($1)', [4]);
      });
      expect(await data.query('SELECT n FROM item ORDER BY n')).toEqual([{ n: 3 }, { n: 4 }]);
    } finally {
      await data.destroy();
    }
  });

  it('plans kept statements once (generic plans), LIKE searches with their pattern, and switches only between transactions', async () => {
    const data = await open();
    try {
      // SHOW is sent as a simple query: it reports the mode without changing it.
      const mode = async (on: { query: DataSource['query'] } = data) =>
        ((await on.query('SHOW plan_cache_mode')) as Array<{ plan_cache_mode: string }>)[0].plan_cache_mode;
      await data.query('SELECT $1::int AS n', [1]);
      expect(await mode()).toBe('force_generic_plan');
      // A prefix pattern uses a text_pattern_ops index only in a plan made with its value.
      await data.query(`SELECT 1 AS hit WHERE 'abc' LIKE $1`, ['a%']);
      expect(await mode()).toBe('auto');
      await data.transaction(async (manager) => {
        // Its START switched back before the transaction began; inside it nothing switches (a SET there
        // would be undone by a rollback).
        await manager.query('SELECT $1::int AS n', [2]);
        await manager.query(`SELECT 1 AS hit WHERE 'abc' LIKE $1`, ['a%']);
        expect(await mode(manager)).toBe('force_generic_plan');
      });
      await data.query(`SELECT 1 AS hit WHERE 'abc' ILIKE lower($1) || '%'`, ['A']);
      expect(await mode()).toBe('auto');
      await data.query('SELECT $1::int AS n', [3]);
      expect(await mode()).toBe('force_generic_plan');
      // A pattern written in the statement needs no value to be planned.
      await data.query(`SELECT $1::int AS n WHERE 'abc' LIKE '%b%'`, [4]);
      expect(await mode()).toBe('force_generic_plan');
      // Nor does a limit written in it; a limit given as a parameter does.
      await data.query(`SELECT g FROM generate_series(1, $1::int) g LIMIT 2`, [5]);
      expect(await mode()).toBe('force_generic_plan');
      await data.query(`SELECT g FROM generate_series(1, 5) g LIMIT $1`, [2]);
      expect(await mode()).toBe('auto');
    } finally {
      await data.destroy();
    }
  });

  it('costs page reads as a database held in memory does, in memory and on disk', async () => {
    for (const data of [await open(), await open(join(dir, 'planner'))]) {
      try {
        const [costs] = (await data.query(
          `SELECT current_setting('seq_page_cost') AS seq, current_setting('random_page_cost') AS random`,
        )) as Array<{ seq: string; random: string }>;
        expect(costs).toEqual({ seq: '0.25', random: '0.25' });
      } finally {
        await data.destroy();
      }
    }
  });

  it('delivers notifications before the statement that committed them returns', async () => {
    const data = await open();
    try {
      const heard: string[] = [];
      const notifications = await pgliteNotificationsOf(data);
      notifications?.onNotification((channel, payload) => heard.push(`${channel}:${payload}`));
      await data.query('LISTEN estafette_test');
      await data.query(`SELECT pg_notify($1, $2)`, ['estafette_test', 'one']);
      expect(heard).toEqual(['estafette_test:one']);
      await data.transaction(async (manager) => {
        await manager.query(`SELECT pg_notify($1, $2)`, ['estafette_test', 'two']);
        expect(heard).toEqual(['estafette_test:one']); // at commit, not before
      });
      expect(heard).toEqual(['estafette_test:one', 'estafette_test:two']);
    } finally {
      await data.destroy();
    }
  });

  it('keeps a data directory: commits share syncs, and what was committed is there after a restart', async () => {
    const dataDir = join(dir, 'kept');
    const first = await open(dataDir);
    const pool = (first.driver as unknown as { master: { walStats(): Promise<WalDurability['stats']> } }).master;
    await first.query('CREATE TABLE item (n int)');
    const before = { ...(await pool.walStats()) };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? first.query('INSERT INTO item VALUES ($1)', [i])
          : first.transaction(async (m) => {
              await m.query('INSERT INTO item VALUES ($1)', [i]);
              await m.query('UPDATE item SET n = n WHERE n = $1', [i]);
            }),
      ),
    );
    const after = await pool.walStats();
    const commits = after.deferred - before.deferred;
    const rounds = after.rounds - before.rounds;
    expect(commits).toBeGreaterThanOrEqual(20);
    expect(rounds).toBeGreaterThan(0);
    expect(rounds).toBeLessThan(commits);
    await first.destroy();
    const again = await open(dataDir);
    try {
      expect(await again.query('SELECT count(*)::int AS n, sum(n)::int AS s FROM item')).toEqual([{ n: 20, s: 190 }]);
    } finally {
      await again.destroy();
    }
  });

  it('lets the thread go on while a maintenance pass runs, and a transaction asked meanwhile runs after it', async () => {
    const data = await open();
    try {
      await data.query('CREATE TABLE bulk (n int, label text)');
      await data.query(`INSERT INTO bulk SELECT g, md5(g::text) FROM generate_series(1, 200000) g`);
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 1);
      const started = performance.now();
      const vacuum = data.query('VACUUM (ANALYZE) bulk').then(() => ({ ticks, ms: performance.now() - started }));
      // A transaction asked during the pass waits for it through the event loop, then runs whole.
      const transaction = data.transaction(async (m) => {
        await m.query('INSERT INTO bulk VALUES ($1, $2)', [0, 'during']);
        return m.query('SELECT count(*)::int AS n FROM bulk WHERE n = $1', [0]);
      });
      const [pass, counted] = await Promise.all([vacuum, transaction]);
      clearInterval(ticker);
      expect(counted).toEqual([{ n: 1 }]);
      // Waited in its turn, the pass would have let no timer run until it was over.
      expect(pass.ms).toBeGreaterThan(20);
      expect(pass.ticks).toBeGreaterThan(3);
      const [stats] = await data.query<Array<{ analyzed: boolean }>>(
        `SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = 'bulk'`,
      );
      expect(stats).toEqual({ analyzed: true });
    } finally {
      await data.destroy();
    }
  });
});
