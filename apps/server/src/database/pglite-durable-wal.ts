import { closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type MessagePort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * How files reach the disk; tests observe it. Paths are real paths on the host.
 */
export interface DiskSync {
  /** fsync of an open descriptor (data files, directories, the control file), blocking. */
  fileNow(fd: number, path: string): void;
  /** fdatasync of a WAL segment, blocking (before a data page that depends on it is written). */
  walNow(path: string): void;
  /** fdatasync of a WAL segment in the thread pool (group commit). */
  wal(path: string): Promise<void>;
  /**
   * One group commit's syncs on another thread, when the disk offers it: `finished` says synchronously
   * that they succeeded, so that a thread busy running statements can answer without waiting for its
   * event loop to hear of it (see ThreadedWalSync).
   */
  walRound?(paths: readonly string[]): { done: Promise<void>; finished: () => boolean };
}

function isMissing(error: unknown): boolean {
  return (error as { code?: string }).code === 'ENOENT';
}

/** A segment removed or recycled since it was written was covered by the checkpoint that retired it. */
export const diskSync: DiskSync = {
  fileNow: (fd) => fsyncSync(fd),
  walNow(path) {
    const fd = segmentDescriptor(path);
    if (fd !== null) fdatasyncSync(fd);
  },
  async wal(path) {
    const fd = segmentDescriptor(path);
    if (fd === null) return;
    await new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
  },
};

/** WAL segments kept open for their syncs: the current one and the few before it. */
const KEPT_SEGMENTS = 4;
const segments = new Map<string, { fd: number; ino: number; dev: number }>();

/**
 * An open descriptor of a WAL segment, kept: a group commit is then one fdatasync in the thread pool, not
 * an open, a sync and a close, each waiting there. Null when the segment is gone (removed or recycled
 * since: the checkpoint that retired it covered it). A kept descriptor is used only while the name still
 * leads to its file (a stat, far cheaper than an open and a close).
 */
function segmentDescriptor(path: string): number | null {
  const now = statSync(path, { throwIfNoEntry: false });
  if (!now) return null;
  const kept = segments.get(path);
  if (kept && kept.ino === now.ino && kept.dev === now.dev) return kept.fd;
  if (kept) retire(path, kept.fd);
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  segments.set(path, { fd, ino: now.ino, dev: now.dev });
  if (segments.size > KEPT_SEGMENTS) {
    const [oldest, old] = segments.entries().next().value as [string, { fd: number }];
    retire(oldest, old.fd);
  }
  return fd;
}

function retire(path: string, fd: number): void {
  segments.delete(path);
  // Closed later: a sync of it may still be on its way, and its number must not be reused under it.
  setTimeout(() => closeSync(fd), 60_000).unref();
}

/**
 * Group commit for embedded PGlite. PostgreSQL runs inside this process and syncs the WAL at every COMMIT
 * through the file system below it; a blocking fdatasync there would stop the whole server (every session,
 * every protocol) for each commit. Instead the WAL syncs of COMMIT are deferred: the statement returns, the
 * connection gives the database to the next session, and only then waits here for one fdatasync per
 * segment that covers every commit made so far, the waiters of many sessions sharing it. Nothing is
 * reported to a client before it is on disk: the pool waits here after every statement that ends a
 * transaction (or runs outside one) while a sync is owed, reads included, so no reply can show a change that
 * a power cut could still undo.
 *
 * The order PostgreSQL relies on is kept: WAL reaches the disk before any other file is written (empty
 * pages aside) or synced (`beforeOtherFile`): a data page, the commit log or the control file never get
 * ahead of the WAL that describes them.
 */
export class WalDurability {
  /** Segments with deferred syncs, and the rounds in flight with their segments (a blocking flush takes all). */
  private readonly owed = new Set<string>();
  private rounds: SyncRound[] = [];
  /** Deferred syncs so far, and how many of them are known to be on disk. */
  private deferred = 0;
  private durable = 0;
  /** Resolved, and replaced, whenever a round ends. */
  private roundEnded = signal();
  readonly stats = { deferred: 0, rounds: 0, blocking: 0 };

  constructor(private readonly disk: DiskSync = diskSync) {}

  get owing(): boolean {
    return this.durable < this.deferred;
  }

  /** How many syncs were deferred so far: the target a statement's answer waits for. */
  get deferredCount(): number {
    return this.deferred;
  }

  /**
   * How many deferred syncs are on disk, counting the rounds whose syncs finished though their promises
   * were not yet heard of (a disk with walRound); read between statements, it answers without the event loop.
   */
  durableNow(): number {
    const finished = this.rounds.filter((r) => r.finished?.());
    if (finished.length === 0) return this.durable;
    for (const round of finished) this.durable = Math.max(this.durable, round.target);
    // On disk: they no longer hold a place among the rounds on their way (their promises settle later).
    this.rounds = this.rounds.filter((r) => !finished.includes(r));
    return this.durable;
  }

  /**
   * Starts the round that what is owed needs, if there is room, without waiting for anyone's event loop:
   * called between statements by a thread holding answers.
   */
  kick(): void {
    if (this.owing) this.startRoundFor(this.deferred);
  }

  /** PostgreSQL asked for a WAL segment to be synced. */
  defer(path: string): void {
    this.owed.add(path);
    this.deferred++;
    this.stats.deferred++;
  }

  /** Before another file is written or synced: everything deferred reaches the disk now, blocking. */
  beforeOtherFile(): void {
    if (!this.owing) return;
    const target = this.deferred;
    this.stats.blocking++;
    // Nothing is deferred while this runs (it blocks), so what was owed is cleared only once it is on disk:
    // a failure leaves it owed.
    for (const path of this.unsynced()) this.disk.walNow(path);
    this.owed.clear();
    this.durable = Math.max(this.durable, target);
  }

  /**
   * Resolves once every sync deferred before the call is on disk: it waits for a round that covers it, or
   * starts one at once, so a commit made while a round is on its way does not wait for that round first
   * (at most MAX_ROUNDS at a time).
   */
  async settled(): Promise<void> {
    const target = this.deferred;
    while (this.durable < target) {
      this.startRoundFor(target);
      // Whichever round finishes first may answer for this one (a later one syncs the earlier's segments
      // too); only a failure of a round that covers it fails it.
      const covering = this.rounds.filter((r) => r.target >= target).map((r) => r.done);
      await Promise.race([this.roundEnded.promise, ...covering]);
    }
  }

  /** Every segment not known to be on disk: a round syncs them all, so it answers for the rounds before it. */
  private unsynced(): Set<string> {
    return new Set([...this.owed, ...this.rounds.flatMap((r) => r.paths)]);
  }

  /** Starts a round for `target` unless one on its way covers it or there is no room (MAX_ROUNDS). */
  private startRoundFor(target: number): void {
    if (this.rounds.length < MAX_ROUNDS && !this.rounds.some((r) => r.target >= target)) this.startRound();
  }

  private startRound(): void {
    const target = this.deferred;
    const paths = [...this.unsynced()];
    this.owed.clear();
    this.stats.rounds++;
    const batch = this.disk.walRound?.(paths);
    const sync = async (): Promise<void> => {
      try {
        await (batch ? batch.done : Promise.all(paths.map((path) => this.disk.wal(path))));
        this.durable = Math.max(this.durable, target);
      } catch (error) {
        // Still owed: the next waiter tries again; this one's statement fails rather than claim durability.
        for (const path of paths) this.owed.add(path);
        throw error;
      } finally {
        this.rounds = this.rounds.filter((r) => r !== round);
      }
    };
    const round: SyncRound = { target, paths, done: Promise.resolve(), finished: batch?.finished };
    this.rounds.push(round);
    round.done = sync();
    // Its waiters hear of a failure first; a round nobody waits for must not crash the process with it.
    // Then everyone waiting on another round looks again: this one may have answered for them.
    void round.done
      .catch(() => undefined)
      .then(() => {
        const ended = this.roundEnded;
        this.roundEnded = signal();
        ended.resolve();
      });
  }
}

/** A promise and what resolves it (Promise.withResolvers needs Node 22). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** WAL syncs on their way at once: a second starts while the first is on its way, a third waits. */
const MAX_ROUNDS = 2;

/** One group commit: the syncs deferred up to `target` are on disk once `done` resolves. */
interface SyncRound {
  readonly target: number;
  readonly paths: readonly string[];
  done: Promise<void>;
  /** Says synchronously that the round's syncs succeeded (a disk with walRound). */
  readonly finished?: () => boolean;
}

/** What the sync thread is started with. */
export interface WalSyncerData {
  walSyncer: true;
  /** Int32 slot 0: the highest round number whose syncs all succeeded. */
  progress: SharedArrayBuffer;
}

/**
 * The WAL syncs of group commit on a thread of their own: the thread running PostgreSQL hands each round
 * to it and, between statements, reads from shared memory that the round is on disk, so the answers it
 * holds go out at once rather than when its busy event loop gets to a thread-pool callback (measured:
 * 7 ms for a 0.3 ms fdatasync under load). Rounds are synced in order; a later round that succeeds also
 * covers an earlier one that failed (it syncs every segment not known to be on disk).
 */
export class ThreadedWalSync implements DiskSync {
  private readonly progress = new SharedArrayBuffer(4);
  private readonly done = new Int32Array(this.progress);
  private readonly thread: Worker;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private next = 1;
  /** Set once the thread is gone: its rounds failed, later ones go through the thread pool. */
  private gone = false;

  /** `script`: a file that calls runWalSyncer when started with WalSyncerData (the PGlite worker's own). */
  constructor(script: string) {
    const data: WalSyncerData = { walSyncer: true, progress: this.progress };
    this.thread = new Worker(script, { workerData: data });
    this.thread.unref();
    this.thread.on('message', ({ round, error }: { round: number; error?: string }) => {
      const waiter = this.waiting.get(round);
      this.waiting.delete(round);
      if (error) waiter?.reject(new Error(error));
      else waiter?.resolve();
    });
    this.thread.on('error', (error) => this.failAll(error));
    this.thread.on('exit', () => this.failAll(new Error('the WAL sync thread exited')));
  }

  fileNow(fd: number, path: string): void {
    diskSync.fileNow(fd, path);
  }

  walNow(path: string): void {
    diskSync.walNow(path);
  }

  wal(path: string): Promise<void> {
    return this.walRound([path]).done;
  }

  walRound(paths: readonly string[]): { done: Promise<void>; finished: () => boolean } {
    if (this.gone) return { done: Promise.all(paths.map((path) => diskSync.wal(path))).then(), finished: () => false };
    const round = this.next++;
    const done = new Promise<void>((resolve, reject) => this.waiting.set(round, { resolve, reject }));
    this.thread.postMessage({ round, paths });
    return { done, finished: () => Atomics.load(this.done, 0) >= round };
  }

  close(): Promise<number> {
    this.gone = true;
    return this.thread.terminate();
  }

  private failAll(error: Error): void {
    this.gone = true;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/** The body of the sync thread: rounds in order, each segment fdatasynced, the round's number published. */
export function runWalSyncer(data: WalSyncerData, port: MessagePort): void {
  const done = new Int32Array(data.progress);
  port.on('message', ({ round, paths }: { round: number; paths: string[] }) => {
    try {
      for (const path of paths) diskSync.walNow(path);
    } catch (error) {
      port.postMessage({ round, error: (error as Error).message ?? String(error) });
      return;
    }
    Atomics.store(done, 0, round);
    port.postMessage({ round });
  });
}

/** Emscripten's NODEFS, as far as it is used here. */
interface Nodefs {
  stream_ops: {
    write: (stream: NodefsStream, ...rest: unknown[]) => number;
    fsync?: (stream: NodefsStream) => number;
  };
  realPath(node: NodefsStream['node']): string;
  tryFSOperation<T>(operation: () => T): T;
}

interface NodefsStream {
  nfd?: number;
  node: { name: string; parent?: { name: string } };
}

const isWalSegment = (stream: NodefsStream): boolean => stream.node.parent?.name === 'pg_wal';

const ZEROS = Buffer.alloc(64 * 1024);

/**
 * A write of zeros extends a table or an index by empty pages (most other writes of a busy server): an empty
 * page depends on no WAL, so it need not wait for the WAL owed.
 */
function isZeros(buffer: ArrayBufferView, offset: number, length: number): boolean {
  // PGlite passes its heap (an Int8Array): compared as bytes, by memcmp.
  for (let at = offset; at < offset + length; at += ZEROS.length) {
    const size = Math.min(ZEROS.length, offset + length - at);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset + at, size);
    if (Buffer.compare(bytes, ZEROS.subarray(0, size)) !== 0) return false;
  }
  return true;
}

/**
 * NODEFS, the Node.js file system under PGlite, has no fsync at all (Emscripten's fdatasync is a no-op and
 * its stream operations lack fsync), and PGlite starts PostgreSQL with fsync off: a commit survived a killed
 * process, the page cache keeping it, but not a power cut. This gives NODEFS its fsync: deferred for WAL
 * segments (see WalDurability), blocking for everything else, after the WAL owed.
 */
export class DurableNodeFS extends NodeFS {
  constructor(
    dataDir: string,
    private readonly wal: WalDurability,
    private readonly disk: DiskSync = diskSync,
  ) {
    super(dataDir);
  }

  override async init(
    pg: PGlite,
    options: Parameters<NodeFS['init']>[1],
  ): Promise<{ emscriptenOpts: Parameters<NodeFS['init']>[1] }> {
    const { emscriptenOpts } = await super.init(pg, options);
    const preRun = [...((emscriptenOpts as { preRun?: unknown[] }).preRun ?? [])];
    preRun.push((mod: { NODEFS: Nodefs }) => this.arm(mod.NODEFS));
    return { emscriptenOpts: { ...emscriptenOpts, preRun } as Parameters<NodeFS['init']>[1] };
  }

  private arm(nodefs: Nodefs): void {
    const { wal, disk } = this;
    const ops = nodefs.stream_ops;
    const write = ops.write;
    ops.write = function (stream, buffer, offset, length, ...rest) {
      if (wal.owing && !isWalSegment(stream) && !isZeros(buffer as ArrayBufferView, offset as number, length as number))
        nodefs.tryFSOperation(() => wal.beforeOtherFile());
      return write.call(this, stream, buffer, offset, length, ...rest);
    };
    ops.fsync = (stream) => {
      if (stream.nfd === undefined) return 0;
      const path = nodefs.realPath(stream.node);
      if (isWalSegment(stream)) {
        wal.defer(path);
        return 0;
      }
      nodefs.tryFSOperation(() => {
        wal.beforeOtherFile();
        disk.fileNow(stream.nfd as number, path);
      });
      return 0;
    };
  }
}

/**
 * PGlite's start parameters with fsync on (its defaults pass -F) and the WAL synced with fsync(), the call
 * that reaches the file system above (fdatasync goes to Emscripten's no-op).
 */
export function durableStartParams(): string[] {
  return [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'];
}

/**
 * initdb writes the new cluster without syncing it (PGlite's initdb runs that way): a data directory created
 * now is synced once, file by file and then its directories, before the server relies on it.
 */
export function syncTree(dir: string, disk: DiskSync = diskSync): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncTree(path, disk);
    else if (entry.isFile()) syncOpen(path, disk);
  }
  syncOpen(dir, disk);
}

function syncOpen(path: string, disk: DiskSync): void {
  const fd = openSync(path, 'r');
  try {
    disk.fileNow(fd, path);
  } finally {
    closeSync(fd);
  }
}
