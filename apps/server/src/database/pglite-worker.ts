// The body of the PGlite worker thread (see pglite-worker-pool.ts): PostgreSQL in WASM, its kept
// statements and its durability, off the server's main thread.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { PGlite, protocol, types, type Results } from '@electric-sql/pglite';
import {
  DurableNodeFS,
  durableStartParams,
  runWalSyncer,
  syncTree,
  ThreadedWalSync,
  WalDurability,
  type WalSyncerData,
} from './pglite-durable-wal';
import { ANSWER_RING, REQUEST_RING, ring, waitFor } from './pglite-doorbell';
import { PLANNER_COSTS } from './pglite-planner-costs';
import { dumpDataDir, templateDump } from './pglite-template';
import { PreparedStatementCache, serializeValues, type KeptStatement } from './prepared-statement-cache';
import {
  concatBytes,
  encodeExecution,
  readDescription,
  readExchange,
  readyStatus,
  type ResultField,
  type TypeParsers,
  type WireNotification,
} from './pglite-wire';

const { serialize } = protocol;

/** What the pool asks. `exclusive`: a statement of the transaction that holds the session (never deferred). */
export type WorkerRequest =
  | { id: number; op: 'run'; sql: string; values: unknown[]; simple: boolean; exclusive: boolean; begin?: boolean }
  | { id: number; op: 'settle' | 'stats' | 'close' }
  | { id: number; op: 'dump'; path: string };

/** A database error as it crosses the thread boundary: its message and the fields pg's DatabaseError carries. */
export type WorkerError = { message: string } & Record<string, unknown>;

export interface WorkerReply {
  id: number;
  result?: Results<unknown> & { command?: string };
  error?: WorkerError;
  /** Set when PGlite itself failed (not an SQL error): the pool treats the database as gone. */
  fatal?: string;
  notifications?: WireNotification[];
  status?: 'I' | 'T' | 'E';
  stats?: WalDurability['stats'];
}

export interface WorkerOptions {
  /** Answers, and the requests of statements outside a transaction. */
  port: MessagePort;
  /** The statements of the transaction holding the session (and its START). */
  urgentPort: MessagePort;
  /** Rung on each side's messages while a transaction is open (pglite-doorbell.ts). */
  bells: Int32Array;
  dataDir: string | undefined;
  /** An in-memory database starts as this dump (a tarball of a data directory) rather than empty. */
  template?: string;
}

/** Named statements kept; the least recently used is closed beyond this (as pglite-prepared.ts). */
const MAX_STATEMENTS = 500;
/** SQLSTATE 0A000 "cached plan must not change result type": a table changed under a kept statement. */
const FEATURE_NOT_SUPPORTED = '0A000';
/** How long an open transaction's next statement is awaited in this turn (see nextOfTransaction). */
const TRANSACTION_POLL_MS = 2;

function toWorkerError(error: Error & Record<string, unknown>): WorkerError {
  const out: WorkerError = { message: error.message };
  for (const [key, value] of Object.entries(error)) if (typeof value !== 'function') out[key] = value;
  return out;
}

/**
 * Statements whose plan needs their parameters' values: a LIKE pattern that starts with a parameter is a
 * prefix an index can use only when the planner sees it (`lower(col) LIKE lower($1) || '%'` and the
 * text_pattern_ops indexes); a LIMIT or OFFSET given as a parameter is taken as a tenth of the rows, so a
 * generic plan of the full-text indexer's "next 10 pending" scanned the whole table to join them (2,000
 * rows for 10). Patterns written in the SQL (`LIKE '%FAILURE%'`) need no value.
 */
const NEEDS_CUSTOM_PLAN = /\bI?LIKE\s+(?:lower\s*\(\s*)?\$\d|\b(?:LIMIT|OFFSET)\s+\$\d/i;

/** Autocommit statements served after a transaction ends before the next transaction's, so neither starves. */
const FAIR_SHARE = 2;

class PgliteSession {
  private readonly statements = new PreparedStatementCache(MAX_STATEMENTS);
  private status: 'I' | 'T' | 'E' = 'I';
  /** Requests taken off the ports and not yet served: a transaction's own come first. */
  private readonly urgent: WorkerRequest[] = [];
  private readonly normal: WorkerRequest[] = [];
  private owed = 0;
  private pumping = false;
  /** The session's plan_cache_mode: PostgreSQL's 'auto' at start, then as planFor last set it. */
  private generic = false;
  /** Answers waiting for the WAL syncs deferred before them (`target`), in order. */
  private readonly held: Array<{ reply: WorkerReply; target: number }> = [];

  constructor(
    private readonly db: PGlite,
    private readonly wal: WalDurability | undefined,
    private readonly port: MessagePort,
    private readonly urgentPort: MessagePort,
    private readonly bells: Int32Array,
  ) {}

  /** Serves what has arrived, in order within each port, a transaction's statements first. */
  pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let request = this.next(); request; request = this.next()) {
        this.serve(request);
        // A round that finished meanwhile lets its answers go now, not when this loop ends.
        if (this.held.length > 0) this.release();
      }
    } finally {
      this.pumping = false;
    }
  }

  queue(request: WorkerRequest, urgent: boolean): void {
    (urgent ? this.urgent : this.normal).push(request);
  }

  private take(): void {
    for (let m = receiveMessageOnPort(this.urgentPort); m; m = receiveMessageOnPort(this.urgentPort))
      this.urgent.push(m.message as WorkerRequest);
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port))
      this.normal.push(m.message as WorkerRequest);
  }

  private next(): WorkerRequest | undefined {
    this.take();
    if (!this.idle()) return this.nextOfTransaction();
    if (this.owed > 0 && this.normal.length > 0) {
      this.owed--;
      return this.normal.shift();
    }
    this.owed = 0;
    return this.urgent.shift() ?? this.normal.shift();
  }

  /**
   * While a transaction is open only its statements run; the next one is awaited without leaving this turn
   * (the pool waits for each answer so too, see WorkerClient.requestNow), for at most TRANSACTION_POLL_MS,
   * after which the event loop wakes this thread for it.
   */
  private nextOfTransaction(): WorkerRequest | undefined {
    const queued = this.urgent.shift();
    if (queued) return queued;
    const poll = () => receiveMessageOnPort(this.urgentPort)?.message as WorkerRequest | undefined;
    return waitFor(this.bells, REQUEST_RING, poll, performance.now() + TRANSACTION_POLL_MS);
  }

  /** Every answer goes through here: the pool may be asleep waiting for it. */
  private send(reply: WorkerReply): void {
    this.port.postMessage(reply);
    ring(this.bells, ANSWER_RING);
  }

  private idle(): boolean {
    return this.status === 'I';
  }

  private serve(request: WorkerRequest): void {
    if (request.op !== 'run') {
      this.control(request);
      return;
    }
    const before = this.status;
    this.runAndAnswer(request);
    if (before !== 'I' && this.idle()) this.owed = FAIR_SHARE;
  }

  private control(request: Exclude<WorkerRequest, { op: 'run' }>): void {
    if (request.op === 'settle') {
      this.afterSync({ id: request.id });
      return;
    }
    if (request.op === 'stats') {
      this.send({ id: request.id, stats: this.wal?.stats });
      return;
    }
    if (request.op === 'close') {
      const answer = () => this.send({ id: request.id });
      this.db.close().then(answer, answer);
      return;
    }
    if (request.op === 'dump') {
      dumpDataDir(this.db, request.path).then(
        () => this.send({ id: request.id }),
        (error: Error) =>
          this.send({ id: request.id, error: { message: `dumping the database failed: ${error.message}` } }),
      );
    }
  }

  private runAndAnswer(request: Extract<WorkerRequest, { op: 'run' }>): void {
    let reply: WorkerReply;
    try {
      reply = this.run(request);
    } catch (error) {
      reply = { id: request.id, fatal: String((error as Error)?.stack ?? error) };
    }
    // Outside a transaction nothing is reported before its commit is on disk (group commit, see
    // WalDurability); a transaction's own statements are answered at once, its end is settled by the pool.
    if (request.exclusive || reply.status !== 'I' || !this.wal) this.send(reply);
    else this.afterSync(reply);
  }

  /**
   * Sends `reply` once every commit so far is on disk. A failed sync fails the statement, as PostgreSQL
   * fails a COMMIT whose WAL could not be flushed (SQLSTATE 58030, I/O error); the WAL stays owed and the
   * next round syncs it again (WalDurability).
   */
  private afterSync(reply: WorkerReply): void {
    const wal = this.wal;
    if (!wal) {
      this.send(reply);
      return;
    }
    if (this.held.length > 0) this.release();
    if (this.held.length === 0 && !wal.owing) {
      this.send(reply);
      return;
    }
    const target = wal.deferredCount;
    this.held.push({ reply, target });
    wal.settled().then(
      () => this.release(),
      (error: Error) => this.failHeld(target, error),
    );
  }

  /** Sends, in order, the answers whose WAL is on disk. */
  private release(): void {
    const durable = this.wal?.durableNow() ?? Infinity;
    let sent = 0;
    while (sent < this.held.length && this.held[sent].target <= durable) this.send(this.held[sent++].reply);
    this.held.splice(0, sent);
    // The next round starts now, not when this thread's event loop hears that the last one ended.
    if (this.held.length > 0) this.wal?.kick();
  }

  /** A sync that covered the answers up to `target` failed: they fail, the WAL stays owed (see WalDurability). */
  private failHeld(target: number, error: Error): void {
    this.release();
    let failed = 0;
    while (failed < this.held.length && this.held[failed].target <= target) {
      const { reply } = this.held[failed++];
      this.send({ id: reply.id, error: { message: `WAL sync failed: ${error.message}`, code: '58030' } });
    }
    this.held.splice(0, failed);
  }

  private run(request: Extract<WorkerRequest, { op: 'run' }>): WorkerReply {
    if (request.begin) {
      const begun = this.run({ ...request, sql: 'START TRANSACTION', values: [], simple: false, begin: false });
      if (begun.error || begun.fatal) return begun;
    }
    if (request.simple) return this.answer(request.id, this.exchange(serialize.query(request.sql)), []);
    let statement = this.prepare(request.sql);
    if ('error' in statement) return this.answer(request.id, statement.error, []);
    this.planFor(statement);
    let reply = this.execute(request, statement);
    if (reply.error?.['code'] === FEATURE_NOT_SUPPORTED) {
      // The statement's tables changed shape since it was prepared: prepare it again, once.
      this.statements.forget(request.sql);
      statement = this.prepare(request.sql);
      if ('error' in statement) return this.answer(request.id, statement.error, []);
      reply = this.execute(request, statement);
    }
    return reply;
  }

  /**
   * Generic plans for every kept statement but those that need their parameters' values. Measured: once
   * the tables have statistics, plan_cache_mode 'auto' judged custom plans cheaper and planned the store's
   * statements at every execution, 0.7–1.1 ms each in WASM (a flag change 0.94 → 1.85 ms). The mode is
   * switched only outside a transaction (a SET in one would go with its rollback) and only when the next
   * statement needs the other one: around a prefix search (address book, LDAP) or a claim of the queue
   * (LIMIT), a simple query of a few hundredths of a millisecond each way.
   */
  private planFor(statement: KeptStatement): void {
    const generic = statement.generic ?? true;
    if (this.status !== 'I' || generic === this.generic) return;
    const bytes = this.exchange(serialize.query(`SET plan_cache_mode = ${generic ? 'force_generic_plan' : 'auto'}`));
    if (readyStatus(bytes) === 'I' && !readExchange(bytes, [], this.db.parsers as TypeParsers).error)
      this.generic = generic;
  }

  private execute(request: Extract<WorkerRequest, { op: 'run' }>, statement: KeptStatement): WorkerReply {
    const params = serializeValues(this.db.serializers, statement.paramTypes, request.values);
    return this.answer(request.id, this.exchange(encodeExecution(statement.name, params)), statement.fields);
  }

  private answer(id: number, bytes: Uint8Array, fields: readonly ResultField[]): WorkerReply {
    const status = readyStatus(bytes);
    if (!status) throw new Error('PGlite answered without ReadyForQuery');
    this.status = status;
    const { result, error, notifications } = readExchange(bytes, fields, this.db.parsers as TypeParsers);
    const reply: WorkerReply = { id, status };
    if (error) reply.error = toWorkerError(error as unknown as Error & Record<string, unknown>);
    else reply.result = result;
    if (notifications.length > 0) reply.notifications = notifications;
    return reply;
  }

  /** A kept statement, or the answer of a Parse that failed (a syntax error: the caller's to see). */
  private prepare(sql: string): KeptStatement | { error: Uint8Array } {
    const hit = this.statements.hit(sql);
    if (hit) return hit;
    const name = this.statements.nextName();
    const bytes = this.exchange(
      concatBytes([
        ...this.statements.closing(),
        serialize.parse({ name, text: sql }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
    );
    const described = readDescription(bytes);
    if (described.error) return { error: bytes };
    const statement = {
      name,
      paramTypes: described.paramTypes,
      fields: described.fields,
      generic: !NEEDS_CUSTOM_PLAN.test(sql),
    };
    this.statements.keep(sql, statement);
    return statement;
  }

  /** One protocol exchange, synchronously: PGlite runs it before execProtocolRawStream's first await. */
  private exchange(message: Uint8Array): Uint8Array {
    const chunks: Uint8Array[] = [];
    this.db
      .execProtocolRawStream(message, {
        syncToFs: false,
        // The chunk is a view of PGlite's memory, reused by the next exchange: copy it.
        onRawData: (chunk) => void chunks.push(chunk.slice()),
      })
      // PostgreSQL's errors are in the answer; an exception is PGlite itself failing: nothing after it can
      // be trusted, so every statement fails from now on (the answer also lacks ReadyForQuery).
      .catch((error: Error) => this.send({ id: -1, fatal: String(error?.stack ?? error) }));
    return concatBytes(chunks.length > 0 ? chunks : [new Uint8Array(0)]);
  }
}

async function start(options: WorkerOptions): Promise<void> {
  // PostgreSQL reads a boolean parameter from its text form; make JS booleans unambiguous.
  const boolean = (value: unknown): string => (value === true || value === 'true' ? 'TRUE' : 'FALSE');
  const serializers = { [types.BOOL]: boolean };
  let db: PGlite;
  let wal: WalDurability | undefined;
  const { dataDir, port, urgentPort, bells, template } = options;
  if (!dataDir)
    db = await PGlite.create({
      serializers,
      startParams: [...PGlite.defaultStartParams, ...PLANNER_COSTS],
      loadDataDir: template ? templateDump(template) : undefined,
    });
  else {
    const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
    // This file is also the WAL sync thread's script (see the end of it).
    const disk = new ThreadedWalSync(__filename);
    wal = new WalDurability(disk);
    db = await PGlite.create({
      serializers,
      fs: new DurableNodeFS(dataDir, wal, disk),
      startParams: [...durableStartParams(), ...PLANNER_COSTS],
    });
    if (fresh) syncTree(dataDir);
  }
  const session = new PgliteSession(db, wal, port, urgentPort, bells);
  port.on('message', (request: WorkerRequest) => {
    session.queue(request, false);
    session.pump();
  });
  urgentPort.on('message', (request: WorkerRequest) => {
    session.queue(request, true);
    session.pump();
  });
  port.postMessage({ id: 0 } satisfies WorkerReply);
}

if (workerData && (workerData as Partial<WalSyncerData>).walSyncer && parentPort)
  runWalSyncer(workerData as WalSyncerData, parentPort);

if (workerData && (workerData as { pgliteWorker?: boolean }).pgliteWorker) {
  const options = workerData as WorkerOptions;
  start(options).catch((error: Error) => options.port.postMessage({ id: 0, fatal: String(error?.stack ?? error) }));
}
