import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDriver } from './pglite-pool';
import {
  diskSync,
  DurableNodeFS,
  durableStartParams,
  ThreadedWalSync,
  WalDurability,
  type DiskSync,
} from './pglite-durable-wal';
import { workerScript } from './pglite-worker-pool';

/** A disk that does what the real one does and writes down each call, in order. */
function recordingDisk(): DiskSync & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fileNow(fd, path) {
      calls.push(`file ${path}`);
      diskSync.fileNow(fd, path);
    },
    walNow(path) {
      calls.push(`wal-now ${path}`);
      diskSync.walNow(path);
    },
    async wal(path) {
      calls.push(`wal ${path}`);
      await diskSync.wal(path);
    },
  };
}

/** A disk whose asynchronous WAL syncs finish when the test says so. */
function heldDisk(): DiskSync & { calls: string[]; finish: (error?: Error) => void } {
  const calls: string[] = [];
  let pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  return {
    calls,
    fileNow: (_fd, path) => void calls.push(`file ${path}`),
    walNow: (path) => void calls.push(`wal-now ${path}`),
    wal(path) {
      calls.push(`wal ${path}`);
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
    finish(error) {
      const now = pending;
      pending = [];
      for (const p of now)
        if (error) p.reject(error);
        else p.resolve();
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('WalDurability', () => {
  it('answers every commit deferred before a sync with that one sync (group commit)', async () => {
    const disk = heldDisk();
    const wal = new WalDurability(disk);
    await wal.settled(); // nothing owed: at once
    wal.defer('/d/pg_wal/1');
    wal.defer('/d/pg_wal/1');
    let done = 0;
    const first = [wal.settled(), wal.settled()].map((p) => p.then(() => done++));
    await tick();
    expect(disk.calls).toEqual(['wal /d/pg_wal/1']);
    // A commit made while the sync is on its way needs another one, started at once (not after the first).
    wal.defer('/d/pg_wal/1');
    const later = wal.settled().then(() => done++);
    await tick();
    expect(disk.calls).toEqual(['wal /d/pg_wal/1', 'wal /d/pg_wal/1']);
    // A third commit waits for a round to finish rather than start a third at once.
    wal.defer('/d/pg_wal/2');
    const third = wal.settled().then(() => done++);
    await tick();
    expect(disk.calls).toHaveLength(2);
    disk.finish();
    await Promise.all([...first, later]);
    expect(done).toBe(3);
    await tick();
    // The third round syncs every segment not known to be on disk.
    expect(disk.calls.slice(2)).toEqual(['wal /d/pg_wal/2']);
    disk.finish();
    await third;
    expect(done).toBe(4);
    expect(wal.owing).toBe(false);
    expect(wal.stats).toEqual({ deferred: 4, rounds: 3, blocking: 0 });
  });

  it('a later round that finishes first answers for the earlier one, whose segments it synced too', async () => {
    const syncs: Array<{ path: string; finish: () => void }> = [];
    const wal = new WalDurability({
      ...heldDisk(),
      wal: (path) => new Promise<void>((resolve) => syncs.push({ path, finish: resolve })),
    });
    wal.defer('/d/pg_wal/1');
    let firstDone = false;
    const first = wal.settled().then(() => (firstDone = true));
    await tick();
    wal.defer('/d/pg_wal/2');
    const second = wal.settled();
    await tick();
    expect(syncs.map((s) => s.path).sort()).toEqual(['/d/pg_wal/1', '/d/pg_wal/1', '/d/pg_wal/2']);
    // Only the second round's syncs finish: both commits are on disk, the first round still on its way.
    for (const sync of syncs.slice(1)) sync.finish();
    await second;
    await first;
    expect(firstDone).toBe(true);
    expect(wal.owing).toBe(false);
    syncs[0].finish();
  });

  it('syncs what is owed and what is on its way, blocking, before another file is touched', async () => {
    const disk = heldDisk();
    const wal = new WalDurability(disk);
    wal.beforeOtherFile();
    expect(disk.calls).toEqual([]);
    wal.defer('/d/pg_wal/1');
    const settled = wal.settled();
    await tick();
    wal.defer('/d/pg_wal/2');
    wal.beforeOtherFile();
    expect(disk.calls.slice(1).sort()).toEqual(['wal-now /d/pg_wal/1', 'wal-now /d/pg_wal/2']);
    expect(wal.owing).toBe(false);
    disk.finish();
    await settled;
  });

  it('leaves the WAL owed when a blocking sync fails', async () => {
    const disk = heldDisk();
    let failing = true;
    const wal = new WalDurability({
      ...disk,
      walNow(path) {
        if (failing) throw new Error('EIO');
        disk.walNow(path);
      },
    });
    wal.defer('/d/pg_wal/1');
    expect(() => wal.beforeOtherFile()).toThrow('EIO');
    expect(wal.owing).toBe(true);
    failing = false;
    const settled = wal.settled();
    await tick();
    expect(disk.calls).toEqual(['wal /d/pg_wal/1']);
    disk.finish();
    await settled;
    expect(wal.owing).toBe(false);
  });

  it('fails the waiters of a failed sync and tries again for the next', async () => {
    const disk = heldDisk();
    const wal = new WalDurability(disk);
    wal.defer('/d/pg_wal/1');
    const failing = wal.settled();
    await tick();
    disk.finish(new Error('EIO'));
    await expect(failing).rejects.toThrow('EIO');
    expect(wal.owing).toBe(true);
    const retry = wal.settled();
    await tick();
    disk.finish();
    await retry;
    expect(disk.calls).toEqual(['wal /d/pg_wal/1', 'wal /d/pg_wal/1']);
    expect(wal.owing).toBe(false);
  });
});

describe('DurableNodeFS', () => {
  /** NODEFS as far as DurableNodeFS arms it, with writes and syncs written down. */
  async function armed(wal: WalDurability, disk: DiskSync) {
    const writes: string[] = [];
    const nodefs = {
      stream_ops: {
        write: (stream: { node: { name: string } }, _buffer: Int8Array, _offset: number, length: number) => {
          writes.push(stream.node.name);
          return length;
        },
      } as Record<string, (...args: never[]) => number>,
      realPath: (node: { name: string; parent?: { name: string } }) => `/d/${node.parent?.name}/${node.name}`,
      tryFSOperation: <T>(operation: () => T): T => operation(),
    };
    const fs = new DurableNodeFS('/d', wal, disk);
    const { emscriptenOpts } = await fs.init({} as PGlite, {});
    for (const run of (emscriptenOpts as { preRun: Array<(mod: unknown) => void> }).preRun.slice(-1))
      run({ NODEFS: nodefs });
    const stream = (dir: string, name: string) => ({ nfd: 7, node: { name, parent: { name: dir } } });
    return { ops: nodefs.stream_ops, stream, writes };
  }

  it('defers WAL syncs, syncs the WAL owed before a page with data, lets empty pages (table growth) through', async () => {
    const disk = heldDisk();
    const wal = new WalDurability(disk);
    const { ops, stream } = await armed(wal, disk);
    const heap = new Int8Array(3 * 8192);
    heap[2 * 8192 + 100] = 1;

    expect(ops['fsync'](stream('pg_wal', '000000010000000000000001') as never)).toBe(0);
    expect(wal.owing).toBe(true);
    expect(disk.calls).toEqual([]);

    ops['write'](stream('16384', '16390') as never, heap as never, 8192 as never, 8192 as never);
    expect(wal.owing).toBe(true);
    expect(disk.calls).toEqual([]);

    ops['write'](stream('16384', '16390') as never, heap as never, (2 * 8192) as never, 8192 as never);
    expect(disk.calls).toEqual(['wal-now /d/pg_wal/000000010000000000000001']);
    expect(wal.owing).toBe(false);

    ops['fsync'](stream('pg_wal', '000000010000000000000001') as never);
    ops['fsync'](stream('global', 'pg_control') as never);
    expect(disk.calls.slice(1)).toEqual(['wal-now /d/pg_wal/000000010000000000000001', 'file /d/global/pg_control']);
    expect(wal.stats).toEqual({ deferred: 2, rounds: 0, blocking: 2 });
  });
});

describe('PGlite on a durable data directory', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'estafette-durable-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs PostgreSQL with fsync on; a commit owes a WAL sync that settling pays; a checkpoint syncs the WAL first', async () => {
    const disk = recordingDisk();
    const wal = new WalDurability(disk);
    const db = await PGlite.create({
      fs: new DurableNodeFS(join(dir, 'direct'), wal, disk),
      startParams: durableStartParams(),
    });
    try {
      expect((await db.query<{ fsync: string }>('SHOW fsync')).rows[0].fsync).toBe('on');
      expect((await db.query<{ wal_sync_method: string }>('SHOW wal_sync_method')).rows[0].wal_sync_method).toBe(
        'fsync',
      );
      await db.exec('CREATE TABLE item (n int)');
      await wal.settled();
      disk.calls.length = 0;

      await db.query('INSERT INTO item VALUES (1)');
      expect(wal.owing).toBe(true);
      expect(disk.calls).toEqual([]);
      await wal.settled();
      expect(disk.calls).toHaveLength(1);
      expect(disk.calls[0]).toMatch(new RegExp(`^wal .*${sep}pg_wal${sep}[0-9A-F]{24}$`));

      await db.query('INSERT INTO item VALUES (2)');
      disk.calls.length = 0;
      await db.exec('CHECKPOINT');
      const firstFile = disk.calls.findIndex((c) => c.startsWith('file '));
      expect(firstFile).toBeGreaterThan(0);
      expect(disk.calls.slice(0, firstFile).some((c) => c.startsWith('wal-now '))).toBe(true);
      expect(disk.calls.some((c) => c.includes(`${sep}base${sep}`))).toBe(true);
      expect(wal.owing).toBe(false);
    } finally {
      await db.close();
    }
    const again = await PGlite.create({ fs: new DurableNodeFS(join(dir, 'direct'), new WalDurability()) });
    expect((await again.query<{ n: number }>('SELECT n FROM item ORDER BY n')).rows).toEqual([{ n: 1 }, { n: 2 }]);
    await again.close();
  });

  it('through the server pool: commits of concurrent sessions share syncs, and all are on disk when they return', async () => {
    const data = new DataSource({
      type: 'postgres',
      driver: createPgliteDriver({ dataDir: join(dir, 'pool') }),
    });
    await data.initialize();
    try {
      const pool = (data.driver as unknown as { master: { walStats(): WalDurability['stats'] } }).master;
      await data.query('CREATE TABLE item (n int)');
      const before = { ...pool.walStats() };
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? data.query('INSERT INTO item VALUES ($1)', [i])
            : data.transaction(async (m) => {
                await m.query('INSERT INTO item VALUES ($1)', [i]);
                await m.query('UPDATE item SET n = n WHERE n = $1', [i]);
              }),
        ),
      );
      const after = pool.walStats();
      const commits = after.deferred - before.deferred;
      const rounds = after.rounds - before.rounds;
      expect(commits).toBeGreaterThanOrEqual(20);
      expect(rounds).toBeGreaterThan(0);
      expect(rounds).toBeLessThan(commits);
      expect(await data.query('SELECT count(*)::int AS n FROM item')).toEqual([{ n: 20 }]);
    } finally {
      await data.destroy();
    }
  });

  it('a query runner released inside an open transaction leaves it rolled back for the next session', async () => {
    const data = new DataSource({ type: 'postgres', driver: createPgliteDriver({}) });
    await data.initialize();
    try {
      await data.query('CREATE TABLE item (n int)');
      const runner = data.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await runner.query('INSERT INTO item VALUES (1)');
      await runner.release();
      await data.query('INSERT INTO item VALUES (2)');
      expect(await data.query('SELECT n FROM item')).toEqual([{ n: 2 }]);
    } finally {
      await data.destroy();
    }
  });
});

describe('ThreadedWalSync', () => {
  it('syncs rounds on its own thread; a busy thread learns that one finished without its event loop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'estafette-walsync-'));
    const disk = new ThreadedWalSync(workerScript());
    try {
      const segment = join(dir, '000000010000000000000001');
      writeFileSync(segment, 'wal');
      const wal = new WalDurability(disk);
      wal.defer(segment);
      const settled = wal.settled();
      // No await from here: the answer must be visible to a thread that never yields.
      const until = Date.now() + 5000;
      while (wal.durableNow() < 1 && Date.now() < until)
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      expect(wal.durableNow()).toBe(1);
      await settled;
      expect(wal.owing).toBe(false);

      // A failed sync fails its round and is not counted as finished.
      const failing = disk.walRound([dir]);
      await expect(failing.done).rejects.toThrow();
      expect(failing.finished()).toBe(false);

      // Without its thread the rounds still reach the disk, through the thread pool.
      await disk.close();
      await disk.walRound([segment]).done;
    } finally {
      await disk.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
