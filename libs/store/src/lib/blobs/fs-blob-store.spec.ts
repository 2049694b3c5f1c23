import { createHash } from 'node:crypto';
import { mkdtemp, open, readdir, readlink, rm, stat, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BlobTooLargeError } from './blob-store';
import { FsBlobStore } from './fs-blob-store';

// Every fsync through node:fs's callback API (the store syncs directories so), by descriptor.
const fsyncs = vi.hoisted(() => [] as number[]);
// Set to fail the next fsync through that API with EIO (a disk error).
const failures = vi.hoisted(() => ({ nextFsync: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fsync = (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
    fsyncs.push(fd);
    if (failures.nextFsync) {
      failures.nextFsync = false;
      callback(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
      return;
    }
    fs.fsync(fd, callback);
  };
  return { ...fs, default: { ...fs, fsync }, fsync };
});

/** What the descriptors of this process under `root` point to. */
async function openUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target.startsWith(root)) out.push(target);
  }
  return out;
}

/** The paths the fsyncs since `from` were made on (the descriptors still open). */
async function syncedPaths(from: number): Promise<string[]> {
  const paths = await Promise.all(fsyncs.slice(from).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return paths.filter(Boolean);
}

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function* chunks(count: number, size: number, fill = 0x61): AsyncGenerator<Buffer> {
  for (let i = 0; i < count; i += 1) yield Buffer.alloc(size, fill + (i % 26));
}

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('FsBlobStore', () => {
  let root: string;
  let store: FsBlobStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'estafette-blobs-'));
    store = new FsBlobStore(root);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  it('stores content under its SHA-256, fsyncing the file and the directory before resolving', async () => {
    const probe = await open(join(root, 'probe'), 'w');
    const sync = vi.spyOn(Object.getPrototypeOf(probe) as { sync: () => Promise<void> }, 'sync');
    await probe.close();
    const before = fsyncs.length;
    const ref = await store.put('queue', Readable.from([Buffer.from('Subject: hi\r\n\r\n'), Buffer.from('body')]));
    expect(ref).toEqual({ sha256: sha('Subject: hi\r\n\r\nbody'), size: 19 });
    // The data file, then the directory holding the new name.
    expect(sync).toHaveBeenCalledTimes(1);
    expect(await syncedPaths(before)).toContain(join(root, 'queue', ref.sha256.slice(0, 2)));
    const path = join(root, 'queue', ref.sha256.slice(0, 2), ref.sha256);
    expect((await stat(path)).size).toBe(19);
    expect((await store.read('queue', ref.sha256)).toString()).toBe('Subject: hi\r\n\r\nbody');
    expect(await readdir(join(root, 'queue', 'tmp'))).toEqual([]);
  });

  it('writes small content given in memory in a writer thread: same name, nothing left behind', async () => {
    const parts = [Buffer.from('Subject: small\r\n\r\n'), Buffer.from('in memory')];
    const ref = await store.put('store-a', parts);
    expect(ref).toEqual({ sha256: sha(Buffer.concat(parts)), size: 27 });
    expect(await store.put('store-a', parts)).toEqual(ref);
    expect((await store.read('store-a', ref.sha256, 27)).toString()).toBe('Subject: small\r\n\r\nin memory');
    expect(await readdir(join(root, 'store-a', 'tmp'))).toEqual([]);
    // The thread keeps its shard directory open for the syncs (the store, the namespace's for the new
    // shard's name); no file stays open.
    expect(await openUnder(join(root, 'store-a'))).toEqual([
      join(root, 'store-a'),
      join(root, 'store-a', ref.sha256.slice(0, 2)),
    ]);
    // The streamed way names the same content the same.
    expect(await store.put('store-b', Readable.from(parts))).toEqual(ref);
    // Above 64 KB content in memory is streamed.
    const big = [Buffer.alloc(70_000, 'b')];
    expect(await store.put('store-a', big)).toEqual({ sha256: sha(big[0]), size: 70_000 });
    // After close the threads are started again.
    await store.close();
    expect(await openUnder(join(root, 'store-a'))).toEqual([]);
    expect(await store.put('store-c', parts)).toEqual(ref);
  });

  it('refuses small content in memory past maxBytes, and leaves nothing when the thread fails', async () => {
    await expect(store.put('store-a', [Buffer.alloc(100, 'x')], { maxBytes: 99 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(await store.put('store-a', [Buffer.alloc(99, 'x')], { maxBytes: 99 })).toMatchObject({ size: 99 });
    // The temporary directory gone behind the store's back: the thread's open fails.
    await rm(join(root, 'store-a', 'tmp'), { recursive: true });
    await expect(store.put('store-a', [Buffer.from('lost')])).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.exists('store-a', sha('lost'))).toBe(false);
    await mkdir(join(root, 'store-a', 'tmp'));
    expect(await store.put('store-a', [Buffer.from('written')])).toMatchObject({ size: 7 });
    expect(await readdir(join(root, 'store-a', 'tmp'))).toEqual([]);
  });

  it('reads a blob of known size whole, and calls a blob of another size damaged', async () => {
    const content = Buffer.alloc(300_000, 'x');
    const ref = await store.put('queue', Readable.from([content]));
    expect((await store.read('queue', ref.sha256, ref.size)).equals(content)).toBe(true);
    const empty = await store.put('queue', Readable.from([Buffer.alloc(0)]));
    expect(await store.read('queue', empty.sha256, 0)).toEqual(Buffer.alloc(0));
    await expect(store.read('queue', ref.sha256, ref.size - 1)).rejects.toThrow(/is not 299999 bytes long/);
    await expect(store.read('queue', ref.sha256, ref.size + 1)).rejects.toThrow(/is not 300001 bytes long/);
    await expect(store.read('queue', 'f'.repeat(64), 10)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads byte ranges into memory, small ones and large ones alike, shorter at the end of the blob', async () => {
    const small = await store.put('queue', Readable.from([Buffer.from('0123456789')]));
    expect((await store.readRange('queue', small.sha256, 2, 5)).toString()).toBe('234');
    expect((await store.readRange('queue', small.sha256, 7, 100)).toString()).toBe('789');
    expect((await store.readRange('queue', small.sha256, 20, 30)).length).toBe(0);
    const large = await store.put('queue', chunks(4, 64 * 1024));
    const whole = await store.read('queue', large.sha256, large.size);
    const tail = await store.readRange('queue', large.sha256, 1000, large.size + 50);
    expect(tail.equals(whole.subarray(1000))).toBe(true);
    await expect(store.readRange('queue', sha('nothing'), 0, 10)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('aborts past maxBytes, removes the partial file, and still reads the source to its end', async () => {
    let produced = 0;
    const source = Readable.from(
      (async function* () {
        for await (const chunk of chunks(10, 1000)) {
          produced += 1;
          yield chunk;
        }
      })(),
    );
    await expect(store.put('queue', source, { maxBytes: 2500 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(produced).toBe(10);
    expect(await readdir(join(root, 'queue', 'tmp'))).toEqual([]);
    expect(await readdir(join(root, 'queue'))).toEqual(['tmp']);
    await expect(store.put('queue', chunks(2, 1000), { maxBytes: 2000 })).resolves.toMatchObject({ size: 2000 });
  });

  it('cleans up when the source fails mid-stream', async () => {
    const failing = (async function* () {
      yield Buffer.from('partial');
      throw new Error('connection reset');
    })();
    await expect(store.put('queue', failing)).rejects.toThrow('connection reset');
    expect(await readdir(join(root, 'queue', 'tmp'))).toEqual([]);
  });

  it('links a blob into another namespace as a hard link (same inode)', async () => {
    const ref = await store.put('queue', chunks(3, 100));
    await store.link('queue', 'store-a', ref.sha256);
    await store.link('queue', 'store-a', ref.sha256); // idempotent
    const [queued, linked] = await Promise.all([
      stat(join(root, 'queue', ref.sha256.slice(0, 2), ref.sha256)),
      stat(join(root, 'store-a', ref.sha256.slice(0, 2), ref.sha256)),
    ]);
    expect(linked.ino).toBe(queued.ino);
    expect(linked.nlink).toBe(2);
    await store.delete('queue', ref.sha256);
    expect(await store.exists('queue', ref.sha256)).toBe(false);
    expect((await store.read('store-a', ref.sha256)).length).toBe(300);
    await expect(store.link('queue', 'store-b', ref.sha256)).rejects.toThrow(/does not exist/);
  });

  it('keeps one file when the same content is put concurrently', async () => {
    const refs = await Promise.all(Array.from({ length: 12 }, () => store.put('store-x', chunks(4, 4096))));
    expect(new Set(refs.map((r) => r.sha256)).size).toBe(1);
    const listed: string[] = [];
    for await (const id of store.list('store-x')) listed.push(id);
    expect(listed).toEqual([refs[0].sha256]);
    expect(await readdir(join(root, 'store-x', 'tmp'))).toEqual([]);
  });

  it('streams 50 MB in and out without holding it in memory', async () => {
    const before = process.memoryUsage().rss;
    const ref = await store.put('queue', chunks(800, 64 * 1024));
    expect(ref.size).toBe(800 * 64 * 1024);
    let total = 0;
    for await (const part of store.open('queue', ref.sha256)) total += (part as Buffer).length;
    expect(total).toBe(ref.size);
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('reads ranges with an exclusive end, stats blobs and sweeps stale temporary files', async () => {
    const ref = await store.put('queue', Readable.from([Buffer.from('0123456789')]));
    expect((await collect(store.open('queue', ref.sha256, { start: 2, end: 5 }))).toString()).toBe('234');
    expect((await collect(store.open('queue', ref.sha256, { start: 7 }))).toString()).toBe('789');
    expect(await store.stat('queue', ref.sha256)).toMatchObject({ size: 10 });
    expect(await store.stat('queue', sha('nothing'))).toBeNull();
    await mkdir(join(root, 'queue', 'tmp'), { recursive: true });
    const stale = join(root, 'queue', 'tmp', 'left-by-a-crash');
    await writeFile(stale, 'x');
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(stale, old, old);
    expect(await store.removeStaleTemporaryFiles(new Date(), 3600_000)).toBe(1);
    expect(() => store.open('../etc', ref.sha256)).toThrow(/invalid blob namespace/);
    expect(() => store.open('queue', 'not-a-sha')).toThrow(/invalid blob id/);
  });

  it('keeps one descriptor per directory for its fsyncs, and lets them go on close', async () => {
    const refs = [];
    for (let i = 0; i < 20; i++) refs.push(await store.put('queue', Readable.from([Buffer.from(`message ${i}`)])));
    const again = await store.put('queue', Readable.from([Buffer.from('message 0, once more')]));
    const shards = new Set([...refs, again].map((r) => join(root, 'queue', r.sha256.slice(0, 2))));
    const open = await openUnder(root);
    // Each shard once, whatever the number of blobs written into it (plus the parents made on the way).
    for (const shard of shards) expect(open.filter((p) => p === shard)).toHaveLength(1);
    expect(new Set(open).size).toBe(open.length);
    await store.close();
    expect(await openUnder(root)).toEqual([]);
    // Still usable: a directory is opened again when needed.
    const later = await store.put('queue', Readable.from([Buffer.from('after close')]));
    expect((await store.read('queue', later.sha256)).toString()).toBe('after close');
  });

  it('syncs the directory after a delete unless the removal need not be durable', async () => {
    const kept = await store.put('queue', Readable.from([Buffer.from('durable removal')]));
    const loose = await store.put('queue', Readable.from([Buffer.from('removal a collection would redo')]));
    let before = fsyncs.length;
    await store.delete('queue', kept.sha256);
    expect(await syncedPaths(before)).toEqual([join(root, 'queue', kept.sha256.slice(0, 2))]);
    before = fsyncs.length;
    await store.delete('queue', loose.sha256, { durable: false });
    expect(fsyncs.length).toBe(before);
    expect(await store.exists('queue', kept.sha256)).toBe(false);
    expect(await store.exists('queue', loose.sha256)).toBe(false);
  });
});
