import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { PGlite, types, type PGliteOptions, type Results } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { onPreparedNotification, preparedQuery } from './pglite-prepared';
import { DurableNodeFS, durableStartParams, syncTree, WalDurability } from './pglite-durable-wal';
import { PLANNER_COSTS } from './pglite-planner-costs';
import { dumpDataDir } from './pglite-template';

/** What node-postgres returns and TypeORM's postgres driver reads. */
export interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: Results<unknown>['fields'];
}

export type QueryCallback = (error: Error | null, result: PgLikeResult | null) => void;

/** node-postgres's query(sql, values?, callback?) over a promise of the result: TypeORM uses both forms. */
function nodePostgresQuery(
  params: unknown[] | QueryCallback | undefined,
  callback: QueryCallback | undefined,
  run: (values: unknown[] | undefined) => Promise<PgLikeResult>,
): Promise<PgLikeResult> {
  const cb = typeof params === 'function' ? params : callback;
  return run(Array.isArray(params) ? params : undefined).then(
    (result) => {
      cb?.(null, result);
      return result;
    },
    (error: Error) => {
      cb?.(error, null);
      throw error;
    },
  );
}

function commandOf(sql: string): string {
  const match = /^\s*(?:--[^\n]*\n\s*)*(\w+)/.exec(sql);
  return match ? match[1].toUpperCase() : '';
}

export function toPgResult(sql: string, result: Results<unknown>): PgLikeResult {
  return {
    rows: result.rows,
    rowCount: result.affectedRows ?? result.rows.length,
    command: commandOf(sql),
    fields: result.fields,
  };
}

/**
 * A read without parameters (the public folder root, a whole small table): kept prepared like the
 * parameterised statements rather than parsed and planned at every run. A text with a semicolon may be
 * several statements, which only the simple protocol (exec) runs.
 */
export function isSingleRead(sql: string): boolean {
  return /^\s*(SELECT|WITH)\b/i.test(sql) && !sql.includes(';');
}

/**
 * TypeORM's transaction control (START TRANSACTION, COMMIT, ROLLBACK) also runs prepared: PGlite's exec
 * answers through its generic protocol parser, a quarter of a millisecond per transaction for these two
 * words. PostgreSQL accepts transaction control in the extended protocol, and COMMIT or ROLLBACK in an
 * aborted transaction too. SAVEPOINT names vary, so they stay on exec.
 */
export function isTransactionControl(sql: string): boolean {
  return sql === 'START TRANSACTION' || sql === 'COMMIT' || sql === 'ROLLBACK' || sql === 'BEGIN';
}

/**
 * One VACUUM, ANALYZE or CHECKPOINT (online maintenance): it cannot open a transaction and runs as one
 * request, so the session's holder may wait for it through the event loop instead of in its turn (a pass
 * took up to 0.8 s, during which the SMTP and IMAP sessions of that thread would have stood still).
 */
export function isMaintenance(sql: string): boolean {
  return /^\s*(VACUUM|ANALYZE|CHECKPOINT)\b/i.test(sql) && !sql.includes(';');
}

/** The one session's lease: held by a connection from the first statement of a transaction to its end. */
export interface SessionLease {
  acquire(): Promise<void>;
  release(): void;
}

/** What both pools' connections share: node-postgres's query() and the session lease they hold. */
export abstract class LeasedConnection extends EventEmitter {
  protected holding = false;

  constructor(protected readonly lease: SessionLease) {
    super();
  }

  query(sql: string, params?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<PgLikeResult> {
    return nodePostgresQuery(params, callback, (values) => this.run(sql, values ?? []));
  }

  protected abstract run(sql: string, values: unknown[]): Promise<PgLikeResult>;

  /** The query runner is done with this connection. A transaction it left open is rolled back first. */
  abstract close(): void;

  protected giveUp(): void {
    if (!this.holding) return;
    this.holding = false;
    this.lease.release();
  }
}

/**
 * PGlite is a single PostgreSQL session. node-postgres pools hand each query runner its own session; here
 * the one session is leased to a connection for each statement it runs outside a transaction, and from
 * START TRANSACTION to COMMIT or ROLLBACK for a transaction, so two TypeORM transactions never interleave
 * their statements (a ROLLBACK of one would otherwise undo the other's work). The lease is given up as soon
 * as the session is outside a transaction again, before waiting for the commit to reach the disk
 * (WalDurability), so that other sessions' commits share that sync.
 */
class PgliteConnection extends LeasedConnection {
  constructor(
    private readonly db: PGlite,
    lease: SessionLease,
    private readonly wal: WalDurability | undefined,
  ) {
    super(lease);
  }

  protected async run(sql: string, values: unknown[]): Promise<PgLikeResult> {
    if (!this.holding) {
      await this.lease.acquire();
      this.holding = true;
    }
    let result: PgLikeResult;
    try {
      result =
        values.length > 0 || isSingleRead(sql) || isTransactionControl(sql)
          ? toPgResult(sql, await preparedQuery(this.db, sql, values))
          : await this.db.exec(sql).then((all) => toPgResult(sql, all[all.length - 1] ?? { rows: [], fields: [] }));
    } finally {
      if (!this.db.isInTransaction()) this.giveUp();
    }
    // Outside a transaction now: nothing goes back to the caller before the commits it may have seen are on disk.
    if (!this.holding) await this.wal?.settled();
    return result;
  }

  close(): void {
    if (!this.holding) return;
    if (!this.db.isInTransaction()) {
      this.giveUp();
      return;
    }
    const giveUp = () => this.giveUp();
    void this.db.exec('ROLLBACK').then(giveUp, giveUp);
  }
}

/** Marks the async context of a transaction, so a second lease taken inside it is caught. */
interface TransactionScope {
  holding: boolean;
  parent: TransactionScope | undefined;
}

const transactionScope = new AsyncLocalStorage<TransactionScope>();

function holdsLease(scope: TransactionScope | undefined): boolean {
  for (let s = scope; s; s = s.parent) if (s.holding) return true;
  return false;
}

/**
 * Runs a transaction in its own scope. With one session, a query issued inside
 * a transaction through anything but its EntityManager would wait for the
 * transaction's own lease forever; such a query fails at once instead.
 */
export function inTransactionScope<T>(work: () => Promise<T>): Promise<T> {
  return transactionScope.run({ holding: false, parent: transactionScope.getStore() }, work);
}

export class LeaseDeadlockError extends Error {
  constructor() {
    super(
      'a query was issued inside a transaction without its EntityManager (or a transaction was nested); ' +
        'on PGlite it would wait for the transaction itself. Pass the transaction manager down.',
    );
  }
}

/** Where a LISTEN on PGlite hears notifications: PGlite's own exchanges and the prepared statements' ones. */
export interface PgliteNotifications {
  onNotification(callback: (channel: string, payload: string) => void): () => void;
}

/** Each PGlite pool (in this thread or with a worker, pglite-worker-pool.ts) and its notification source. */
const notificationSources = new WeakMap<object, () => Promise<PgliteNotifications>>();

export function registerPglitePool(pool: object, notifications: () => Promise<PgliteNotifications>): void {
  notificationSources.set(pool, notifications);
}

/** TypeORM keeps the pool as driver.master. */
function poolOf(dataSource: { driver: unknown }): object | undefined {
  const pool = (dataSource.driver as { master?: unknown }).master;
  return pool && typeof pool === 'object' ? pool : undefined;
}

/** Whether a DataSource runs on PGlite (in this thread or in a worker). */
export function isPglite(dataSource: { driver: unknown }): boolean {
  const pool = poolOf(dataSource);
  return pool !== undefined && notificationSources.has(pool);
}

/** Writes a DataSource's in-memory PGlite database to `path` (pglite-template.ts). */
export async function dumpPglite(dataSource: { driver: unknown }, path: string): Promise<void> {
  const pool = poolOf(dataSource) as { dumpTo?: (path: string) => Promise<void> } | undefined;
  if (!pool?.dumpTo) throw new Error('not a PGlite database');
  await pool.dumpTo(path);
}

/** The notification source of a DataSource opened on PGlite; else undefined. */
export function pgliteNotificationsOf(dataSource: { driver: unknown }): Promise<PgliteNotifications> | undefined {
  const pool = poolOf(dataSource);
  return pool ? notificationSources.get(pool)?.() : undefined;
}

/** Both kinds of notification of an in-thread PGlite: its own exchanges' and the prepared statements'. */
function notificationsOf(db: PGlite): PgliteNotifications {
  return {
    onNotification(callback) {
      const offPglite = db.onNotification(callback);
      const offPrepared = onPreparedNotification(db, callback);
      return () => {
        offPglite();
        offPrepared();
      };
    },
  };
}

/**
 * What both PGlite pools (this one, and the worker's in pglite-worker-pool.ts) share: TypeORM's pool
 * interface (connect, end) over one session, whose lease a transaction holds from start to end.
 */
export abstract class LeasedSessionPool<C extends { close(): void }> extends EventEmitter {
  private leased = false;
  private readonly waiters: Array<() => void> = [];
  protected readonly lease: SessionLease = { acquire: () => this.acquire(), release: () => this.releaseLease() };

  /** A connection for a query runner (the database is opened by the first). */
  protected abstract open(): Promise<C>;

  /** Closes the database. */
  protected abstract shutdown(): Promise<void>;

  private acquire(): Promise<void> {
    if (!this.leased) {
      this.leased = true;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiters.push(grant));
  }

  private releaseLease(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.leased = false;
  }

  connect(callback: (error: Error | null, connection: C | null, release: () => void) => void): void {
    const scope = transactionScope.getStore();
    if (holdsLease(scope)) {
      callback(new LeaseDeadlockError(), null, () => undefined);
      return;
    }
    if (scope) scope.holding = true;
    this.open().then(
      (connection) => {
        let released = false;
        callback(null, connection, () => {
          if (released) return;
          released = true;
          if (scope) scope.holding = false;
          connection.close();
        });
      },
      (error: Error) => callback(error, null, () => undefined),
    );
  }

  end(callback?: (error: Error | null) => void): Promise<void> {
    return this.shutdown().then(
      () => callback?.(null),
      (error: Error) => {
        callback?.(error);
        if (!callback) throw error;
      },
    );
  }
}

/**
 * Builds the `driver` object TypeORM's postgres driver expects (it only needs `Pool`). A data directory is
 * kept as PostgreSQL keeps one: commits on disk before anyone hears of them (see DurableNodeFS and
 * WalDurability); an in-memory database has nothing to sync.
 */
export function createPgliteDriver(options: PGliteOptions): { Pool: unknown } {
  // PostgreSQL reads a boolean parameter from its text form; make JS booleans unambiguous.
  const boolean = (value: unknown): string => (value === true || value === 'true' ? 'TRUE' : 'FALSE');
  const serializers = { [types.BOOL]: boolean, ...(options.serializers ?? {}) };

  class PglitePool extends LeasedSessionPool<PgliteConnection> {
    private db: Promise<PGlite> | undefined;
    private wal: WalDurability | undefined;

    constructor() {
      super();
      registerPglitePool(this, () => this.instance().then(notificationsOf));
    }

    private instance(): Promise<PGlite> {
      this.db ??= this.start();
      return this.db;
    }

    private async start(): Promise<PGlite> {
      const dataDir = options.dataDir;
      if (!dataDir)
        return PGlite.create({
          ...options,
          serializers,
          startParams: [...PGlite.defaultStartParams, ...PLANNER_COSTS],
        });
      const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
      this.wal = new WalDurability();
      const { dataDir: _path, ...rest } = options;
      const db = await PGlite.create({
        ...rest,
        serializers,
        fs: new DurableNodeFS(dataDir, this.wal),
        startParams: [...durableStartParams(), ...PLANNER_COSTS],
      });
      if (fresh) syncTree(dataDir);
      return db;
    }

    /** Writes the database as it is now to `path`: a template for the next one (idle only, as the worker's). */
    async dumpTo(path: string): Promise<void> {
      await dumpDataDir(await this.instance(), path);
    }

    /** Group-commit figures of a durable instance (diagnostics). */
    walStats(): WalDurability['stats'] | undefined {
      return this.wal?.stats;
    }

    protected open(): Promise<PgliteConnection> {
      return this.instance().then((db) => new PgliteConnection(db, this.lease, this.wal));
    }

    protected shutdown(): Promise<void> {
      const closing = this.db ? this.db.then((db) => db.close()) : Promise.resolve();
      this.db = undefined;
      return closing;
    }
  }
  return { Pool: PglitePool };
}
