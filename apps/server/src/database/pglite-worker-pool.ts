import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { protocol } from '@electric-sql/pglite';
import {
  isMaintenance,
  isSingleRead,
  isTransactionControl,
  LeasedConnection,
  LeasedSessionPool,
  registerPglitePool,
  toPgResult,
  type PgLikeResult,
  type PgliteNotifications,
  type SessionLease,
} from './pglite-pool';
import type { WorkerReply, WorkerRequest } from './pglite-worker';
import { ANSWER_RING, createDoorbells, REQUEST_RING, ring, waitFor } from './pglite-doorbell';

/** A wait for an answer inside a transaction gives up after this long (the worker is gone or stuck). */
const TRANSACTION_ANSWER_TIMEOUT_MS = 60_000;
/** How often such a wait looks whether the worker failed meanwhile. */
const FAILURE_CHECK_MS = 50;

type RunRequest = Extract<WorkerRequest, { op: 'run' }>;
type Request = RunRequest | Extract<WorkerRequest, { op: 'settle' | 'stats' | 'close' | 'dump' }>;
type Notify = (channel: string, payload: string) => void;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

let bundled: string | undefined;

/**
 * The worker's script: the compiled pglite-worker.js beside this file, or, when running from the TypeScript
 * sources (the tests), the worker bundled once per process with esbuild (its packages stay external).
 */
export function workerScript(): string {
  const compiled = join(__dirname, 'pglite-worker.js');
  if (existsSync(compiled)) return compiled;
  if (bundled) return bundled;
  const require = createRequire(__filename);
  const esbuild = require('esbuild') as typeof import('esbuild');
  const cache = join(dirname(require.resolve('esbuild/package.json')), '..', '.cache', 'estafette');
  mkdirSync(cache, { recursive: true });
  const out = join(cache, `pglite-worker-${process.pid}.cjs`);
  const built = esbuild.buildSync({
    entryPoints: [join(__dirname, 'pglite-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    write: false,
  });
  writeFileSync(`${out}.tmp`, built.outputFiles[0].contents);
  renameSync(`${out}.tmp`, out);
  process.once('exit', () => rmSync(out, { force: true }));
  bundled = out;
  return out;
}

function databaseError(reply: WorkerReply): Error {
  if (reply.fatal) return new Error(`the PGlite worker failed: ${reply.fatal}`);
  const { message, length, ...fields } = reply.error as { message: string; length?: number };
  return Object.assign(new protocol.messages.DatabaseError(message, length ?? 0, 'error'), fields);
}

/** The main thread's end of the worker: requests answered through the event loop, or at once by polling. */
class WorkerClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly urgent: MessagePort;
  private readonly bells = createDoorbells();
  private readonly pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (e: Error) => void }>();
  private readonly taps = new Set<Notify>();
  private nextId = 1;
  private failure: Error | null = null;
  readonly ready: Promise<void>;

  constructor(
    { dataDir, template }: PgliteWorkerOptions,
    private readonly onFailure: (error: Error) => void,
  ) {
    const answers = new MessageChannel();
    const urgent = new MessageChannel();
    this.port = answers.port1;
    this.urgent = urgent.port1;
    this.worker = new Worker(workerScript(), {
      workerData: {
        pgliteWorker: true,
        port: answers.port2,
        urgentPort: urgent.port2,
        bells: this.bells,
        dataDir,
        template,
      },
      transferList: [answers.port2, urgent.port2],
    });
    this.ready = new Promise((resolve, reject) => this.pending.set(0, { resolve: () => resolve(), reject }));
    this.port.on('message', (reply: WorkerReply) => this.dispatch(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the PGlite worker exited (${code})`)));
  }

  onNotification(tap: Notify): () => void {
    this.taps.add(tap);
    return () => this.taps.delete(tap);
  }

  /** Asks and is answered through the event loop (statements outside a transaction, control requests). */
  request(request: WithoutId<Request>): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ ...request, id });
    });
  }

  /**
   * Asks and waits without leaving this turn of the event loop: a transaction's statements, which hold the
   * one session. Waiting through the event loop would keep the session, and everyone behind it, waiting
   * for whatever else this thread is doing; polling costs what running PGlite here did.
   */
  requestNow(request: WithoutId<RunRequest>): WorkerReply {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    this.urgent.postMessage({ ...request, id });
    ring(this.bells, REQUEST_RING);
    const deadline = performance.now() + TRANSACTION_ANSWER_TIMEOUT_MS;
    const poll = () => receiveMessageOnPort(this.port)?.message as WorkerReply | undefined;
    for (;;) {
      const reply = waitFor(this.bells, ANSWER_RING, poll, Math.min(deadline, performance.now() + FAILURE_CHECK_MS));
      if (reply?.id === id) {
        this.announce(reply);
        return reply;
      }
      if (reply) this.dispatch(reply);
      if (this.failure) throw this.failure;
      if (!reply && performance.now() > deadline) throw new Error('the PGlite worker did not answer');
    }
  }

  async close(): Promise<void> {
    if (!this.failure) await this.request({ op: 'close' }).catch(() => undefined);
    this.failure ??= new Error('the database is closed');
    await this.worker.terminate();
  }

  private announce(reply: WorkerReply): void {
    // As PGlite does: listeners run after the exchange, before whoever asked continues.
    for (const n of reply.notifications ?? [])
      for (const tap of this.taps) queueMicrotask(() => tap(n.channel, n.payload));
  }

  private dispatch(reply: WorkerReply): void {
    if (reply.id === -1) {
      this.fail(new Error(reply.fatal));
      return;
    }
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.id === 0 && reply.fatal) waiter.reject(databaseError(reply));
    else {
      this.announce(reply);
      waiter.resolve(reply);
    }
  }

  private fail(error: Error): void {
    if (!this.failure) this.onFailure(error);
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/**
 * A connection of the worker pool. Outside a transaction a statement goes to the worker at once and this
 * thread does other work while it runs (the worker answers once the commit is on disk); a transaction takes
 * the session to itself from START TRANSACTION to its end, as the in-thread pool's lease does, and waits
 * for each of its statements without yielding (WorkerClient.requestNow). Parameterless statements that are
 * not single reads (migrations, DDL, SAVEPOINTs) take the session as a transaction does.
 */
class WorkerConnection extends LeasedConnection {
  /** START TRANSACTION was asked and not yet sent: it goes with the transaction's first statement. */
  private beginPending = false;
  private status: WorkerReply['status'] = 'I';

  constructor(
    private readonly client: WorkerClient,
    lease: SessionLease,
  ) {
    super(lease);
  }

  protected async run(sql: string, values: unknown[]): Promise<PgLikeResult> {
    const simple = !(values.length > 0 || isSingleRead(sql) || isTransactionControl(sql));
    const request = { op: 'run' as const, sql, values, simple };
    if (this.beginPending) return this.first(sql, request);
    if (this.holding) return this.finish(sql, this.client.requestNow({ ...request, exclusive: true }));
    const begin = sql === 'START TRANSACTION' || sql === 'BEGIN';
    if (!simple && !begin) return this.outcome(sql, await this.client.request({ ...request, exclusive: false }));
    await this.lease.acquire();
    this.holding = true;
    if (begin) {
      this.beginPending = true;
      return toPgResult(sql, { rows: [], fields: [] });
    }
    let reply: WorkerReply;
    try {
      reply = isMaintenance(sql)
        ? await this.client.request({ ...request, exclusive: true })
        : this.client.requestNow({ ...request, exclusive: true });
    } catch (error) {
      this.giveUp();
      throw error;
    }
    return this.finish(sql, reply);
  }

  /**
   * The first statement of a transaction carries its START TRANSACTION: one exchange less per transaction.
   * A transaction that ran nothing has nothing to end.
   */
  private first(sql: string, request: Omit<RunRequest, 'id' | 'exclusive'>): Promise<PgLikeResult> {
    this.beginPending = false;
    if (sql === 'COMMIT' || sql === 'ROLLBACK') {
      this.giveUp();
      return Promise.resolve(toPgResult(sql, { rows: [], fields: [] }));
    }
    let reply: WorkerReply;
    try {
      reply = this.client.requestNow({ ...request, exclusive: true, begin: true });
    } catch (error) {
      this.giveUp();
      return Promise.reject(error as Error);
    }
    return this.finish(sql, reply);
  }

  /** After a statement of the session's holder: outside a transaction again, let go and wait for the disk. */
  private async finish(sql: string, reply: WorkerReply): Promise<PgLikeResult> {
    this.status = reply.status;
    if (reply.status !== 'T' && reply.status !== 'E') {
      this.giveUp();
      if (reply.status === 'I') {
        const settled = await this.client.request({ op: 'settle' });
        if (settled.error) throw databaseError(settled);
      }
    }
    return this.outcome(sql, reply);
  }

  private outcome(sql: string, reply: WorkerReply): PgLikeResult {
    if (reply.fatal || reply.error) throw databaseError(reply);
    return toPgResult(sql, reply.result ?? { rows: [], fields: [] });
  }

  close(): void {
    if (!this.holding) return;
    this.beginPending = false;
    if (this.status === 'T' || this.status === 'E') {
      try {
        this.client.requestNow({ op: 'run', sql: 'ROLLBACK', values: [], simple: false, exclusive: true });
      } catch {
        // The worker is gone: nothing is left open.
      }
    }
    this.status = 'I';
    this.giveUp();
  }
}

/**
 * The `driver` TypeORM's postgres driver expects, with PGlite in a worker thread: the database's work runs
 * on the machine's second core while the protocol servers keep this one. Same guarantees as the in-thread
 * pool (createPgliteDriver): one transaction at a time, commits on disk before anyone hears of them.
 */
export interface PgliteWorkerOptions {
  /** On disk, durable; in memory without it. */
  dataDir?: string;
  /** In memory: start from this dump of a data directory (see pglite-template.ts), when it exists. */
  template?: string;
}

export function createPgliteWorkerDriver(options: PgliteWorkerOptions): { Pool: unknown } {
  class PgliteWorkerPool extends LeasedSessionPool<WorkerConnection> {
    private client: WorkerClient | undefined;

    constructor() {
      super();
      registerPglitePool(this, () => this.notifications());
    }

    private started(): Promise<WorkerClient> {
      // TypeORM logs a pool's 'error' event; every statement after it fails with the same error.
      this.client ??= new WorkerClient(options, (error) => this.emit('error', error));
      const client = this.client;
      return client.ready.then(() => client);
    }

    private async notifications(): Promise<PgliteNotifications> {
      const client = await this.started();
      return { onNotification: (callback) => client.onNotification(callback) };
    }

    /** Group-commit figures of a durable instance (diagnostics, tests). */
    async walStats(): Promise<WorkerReply['stats']> {
      const client = await this.started();
      return (await client.request({ op: 'stats' })).stats;
    }

    /**
     * Writes the database as it is now to `path`: a template for the next in-memory one. Only while nothing
     * else uses it (after the migrations): the dump is taken in steps, and a statement run between them
     * could be half in it.
     */
    async dumpTo(path: string): Promise<void> {
      const client = await this.started();
      const reply = await client.request({ op: 'dump', path });
      if (reply.error) throw databaseError(reply);
    }

    protected open(): Promise<WorkerConnection> {
      return this.started().then((client) => new WorkerConnection(client, this.lease));
    }

    protected shutdown(): Promise<void> {
      const closing = this.client ? this.client.close() : Promise.resolve();
      this.client = undefined;
      return closing;
    }
  }
  return { Pool: PgliteWorkerPool };
}
