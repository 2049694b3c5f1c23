import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isPglite } from './pglite-pool';

/** The queue's tables: rewritten with every message, small, and read by every dispatch round. */
export const QUEUE_TABLES = ['queue_item', 'queued_message'];
export const QUEUE_INTERVAL_MS = 5_000;
/** The store's counters, blob references and change journal: rewritten all day, larger, read by index. */
export const STORE_TABLES = ['folder', 'mailbox', 'store_blob', 'folder_change', 'message_fulltext'];
export const STORE_INTERVAL_MS = 60_000;
/** Everything else (messages, tracking, the directory) changes mostly by insertion: a full pass now and then. */
export const FULL_INTERVAL_MS = 15 * 60_000;

/**
 * Other tables get statistics as soon as they have rows and none, and again whenever their file has
 * doubled since their last ANALYZE (from this many pages of 8 kB), instead of waiting up to 15 minutes for
 * the full pass. Without them the planner knew nothing of their columns and, measured, picked the date
 * index to change a message's flags and filtered the whole folder (0.7 ms with 40 messages, 2.0 ms with
 * 1,500); a header FETCH of ten messages took 3.2 ms instead of 0.9.
 */
export const GROWN_MIN_PAGES = 8;

/**
 * A single-user PostgreSQL has no checkpointer: without this it checkpointed only once 1 GB of WAL had
 * piled up (max_wal_size), and a restart after a crash replayed all of it. PostgreSQL's own default.
 */
export const CHECKPOINT_INTERVAL_MS = 5 * 60_000;

export type MaintenanceScope = 'queue' | 'store' | 'full' | 'checkpoint';

/**
 * Online maintenance for embedded PGlite, which runs PostgreSQL in single-user mode: there is no
 * autovacuum, so dead row versions would pile up in the queue's tables and the planner would never get
 * statistics (it then scanned whole tables to find the next due delivery). This does what autovacuum
 * would, as Exchange 2003 ran online maintenance on its stores: VACUUM (ANALYZE) of the queue's tables
 * every 5 seconds (with ANALYZE of any table that got its first rows or has doubled in size), of the
 * store's busy tables every minute (more often cost the IMAP load 5 %: each pass re-plans the statements
 * on the tables it analyzed) and of the whole database every 15 minutes. On PostgreSQL it does nothing
 * (autovacuum does it).
 */
@Injectable()
export class PgliteMaintenance implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Maintenance');
  private timer: NodeJS.Timeout | null = null;
  private readonly last: Record<Exclude<MaintenanceScope, 'queue'>, number> = { store: 0, full: 0, checkpoint: 0 };
  private running: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onApplicationBootstrap(): void {
    if (!isPglite(this.db)) return;
    this.last.store = this.last.full = this.last.checkpoint = Date.now();
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * One pass: the queue's tables, the store's, or the whole database; or a checkpoint (dirty pages written
   * and synced, WAL before it recycled). Returns how long it held the database (ms).
   */
  async runOnce(scope: MaintenanceScope): Promise<number> {
    const started = performance.now();
    if (scope === 'checkpoint') {
      await this.db.query('CHECKPOINT');
      return performance.now() - started;
    }
    const tables = { queue: QUEUE_TABLES, store: STORE_TABLES, full: [] }[scope];
    // Without a table list VACUUM takes every table of the database.
    await this.db.query(tables.length > 0 ? `VACUUM (ANALYZE) ${tables.join(', ')}` : 'VACUUM (ANALYZE)');
    if (scope !== 'full') {
      const grown = await this.grownTables();
      if (grown.length > 0)
        await this.db.query(`ANALYZE ${grown.map((t) => `"${t.replaceAll('"', '""')}"`).join(', ')}`);
    }
    return performance.now() - started;
  }

  /** Tables of the schema never analyzed that have rows, or whose file has doubled since (GROWN_MIN_PAGES). */
  async grownTables(): Promise<string[]> {
    const rows = await this.db.query<Array<{ relname: string }>>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> ALL($1::text[])
          AND CASE WHEN c.reltuples < 0 THEN pg_relation_size(c.oid) > 0
                   ELSE pg_relation_size(c.oid) >= greatest(2 * c.relpages, $2::int) * current_setting('block_size')::bigint
              END
        ORDER BY c.relname`,
      [QUEUE_TABLES, GROWN_MIN_PAGES],
    );
    return rows.map((r) => r.relname);
  }

  /** What is due now: the widest pass whose interval has passed. */
  private due(now: number): MaintenanceScope {
    if (now - this.last.full >= FULL_INTERVAL_MS) return 'full';
    if (now - this.last.store >= STORE_INTERVAL_MS) return 'store';
    if (now - this.last.checkpoint >= CHECKPOINT_INTERVAL_MS) return 'checkpoint';
    return 'queue';
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      const now = Date.now();
      const scope = this.due(now);
      if (scope === 'full') this.last.full = this.last.store = now;
      else if (scope !== 'queue') this.last[scope] = now;
      const work = scope === 'checkpoint' ? 'CHECKPOINT' : `${scope} VACUUM (ANALYZE)`;
      this.running = this.runOnce(scope).then(
        (ms) => {
          if (ms > 1_000) this.logger.log(`${work} took ${Math.round(ms)} ms`);
        },
        (error: unknown) => this.logger.warn(`${work} failed: ${(error as Error).message}`),
      );
      void this.running.finally(() => {
        this.running = null;
        if (this.timer) this.schedule();
      });
    }, QUEUE_INTERVAL_MS);
    this.timer.unref();
  }
}
