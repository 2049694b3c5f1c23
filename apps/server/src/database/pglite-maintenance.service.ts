import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { pgliteOf } from './pglite-pool';

/**
 * Tables whose rows are rewritten all day (queue leases and outcomes, folder counters, blob references, the
 * change journal): kept small and their statistics current, often.
 */
export const BUSY_TABLES = ['queue_item', 'queued_message', 'folder', 'mailbox', 'store_blob', 'folder_change'];
export const BUSY_INTERVAL_MS = 5_000;
/** Everything else (messages, tracking, the directory) changes mostly by insertion: a full pass now and then. */
export const FULL_INTERVAL_MS = 15 * 60_000;

/**
 * Online maintenance for embedded PGlite, which runs PostgreSQL in single-user mode: there is no
 * autovacuum, so dead row versions would pile up in the queue's tables and the planner would never get
 * statistics (it then scanned whole tables to find the next due delivery). This does what autovacuum
 * would: VACUUM (ANALYZE) of the busy tables every 5 seconds and of the whole database every 15 minutes,
 * as Exchange 2003 ran online maintenance on its stores. On PostgreSQL it does nothing (autovacuum does it).
 */
@Injectable()
export class PgliteMaintenance implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Maintenance');
  private timer: NodeJS.Timeout | null = null;
  private lastFull = 0;
  private running: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onApplicationBootstrap(): void {
    if (!pgliteOf(this.db)) return;
    this.lastFull = Date.now();
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass: the busy tables, or the whole database. Returns how long it held the database (ms). */
  async runOnce(scope: 'busy' | 'full'): Promise<number> {
    const started = performance.now();
    await this.db.query(scope === 'full' ? 'VACUUM (ANALYZE)' : `VACUUM (ANALYZE) ${BUSY_TABLES.join(', ')}`);
    return performance.now() - started;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      const scope = Date.now() - this.lastFull >= FULL_INTERVAL_MS ? 'full' : 'busy';
      if (scope === 'full') this.lastFull = Date.now();
      this.running = this.runOnce(scope).then(
        (ms) => {
          if (ms > 1_000) this.logger.log(`${scope} VACUUM (ANALYZE) took ${Math.round(ms)} ms`);
        },
        (error: unknown) => this.logger.warn(`VACUUM (ANALYZE) failed: ${(error as Error).message}`),
      );
      void this.running.finally(() => {
        this.running = null;
        if (this.timer) this.schedule();
      });
    }, BUSY_INTERVAL_MS);
    this.timer.unref();
  }
}
