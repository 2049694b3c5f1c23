import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { queryRows } from '../common/query-rows';
import { searchDocument } from './message.repository';

/** Messages indexed per statement while the server is idle... */
const BATCH = 50;
/**
 * ...and while it is busy: the statement holds PGlite's only session (measured: 54–95 ms for 50 messages,
 * during which every IMAP and SMTP statement waited), so a loaded server indexes a few at a time, often.
 */
const BUSY_BATCH = 10;
/** Pause between batches while messages are pending, and between looks when none are. */
const BUSY_PAUSE_MS = 200;
const IDLE_PAUSE_MS = 2000;
/** Above this share of the event loop spent working, the indexer yields to the protocols... */
const BUSY_UTILISATION = 0.75;
/**
 * ...and when a trivial statement waits longer than this for the database: with PGlite in its worker
 * thread the event loop can be idle while the database is saturated.
 */
const BUSY_DATABASE_MS = 3;
/** ...but never for longer than this: a sustained load still gets its messages indexed (BUSY_BATCH a second). */
const MAX_DEFERRAL_MS = 1000;

/**
 * Full-text indexing in the background (Exchange 2003's content indexing worked the same way): delivery
 * and APPEND store the text to index in message_fulltext and leave its search_vector NULL; this computes
 * the vectors a batch at a time, giving way while the server is busy. Searches do not wait for it: a
 * pending message's document is computed in the query itself (searchMatches), so results are the same
 * before and after indexing.
 */
@Injectable()
export class SearchIndexer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SearchIndexer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private utilisation: EventLoopUtilization = performance.eventLoopUtilization();
  private lastBatchAt = Date.now();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onApplicationBootstrap(): void {
    this.schedule(IDLE_PAUSE_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Indexes up to `limit` pending messages in one statement; returns how many. */
  async indexPending(limit = BATCH): Promise<number> {
    const rows = await queryRows<Array<{ id: string }>>(
      this.db.manager,
      // An expunged message is never searched again (it stays only for the deleted item retention, which
      // has no way back yet): an empty document takes it off the list without the cost of its words.
      `UPDATE message_fulltext t
          SET search_vector = CASE WHEN m.deleted_at IS NULL THEN ${searchDocument('m', 't')} ELSE ''::tsvector END,
              search_text = NULL
         FROM message m
        WHERE m.id = t.message_id AND t.message_id IN (
          SELECT message_id FROM message_fulltext WHERE search_vector IS NULL
           ORDER BY message_id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING t.message_id AS id`,
      [limit],
    );
    return rows.length;
  }

  /** Indexes everything pending now (tests, and an administrator's rebuild). */
  async indexAll(): Promise<number> {
    let total = 0;
    for (let n = await this.indexPending(); n > 0; n = await this.indexPending()) total += n;
    return total;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref();
  }

  /**
   * Whether the server is busy (protocol sessions come first): the event loop was mostly working since the
   * last look, or the database makes a trivial statement wait.
   */
  protected async busy(): Promise<boolean> {
    const now = performance.eventLoopUtilization();
    const loopBusy = performance.eventLoopUtilization(now, this.utilisation).utilization > BUSY_UTILISATION;
    this.utilisation = now;
    if (loopBusy) return true;
    const started = performance.now();
    await this.db.manager.query('SELECT 1');
    return performance.now() - started > BUSY_DATABASE_MS;
  }

  private tick(): void {
    this.running = this.step().finally(() => (this.running = null));
  }

  private async step(): Promise<void> {
    const busy = await this.busy().catch(() => false);
    if (busy && Date.now() - this.lastBatchAt < MAX_DEFERRAL_MS) {
      this.schedule(BUSY_PAUSE_MS);
      return;
    }
    const limit = busy ? BUSY_BATCH : BATCH;
    let indexed = 0;
    try {
      indexed = await this.indexPending(limit);
      this.lastBatchAt = Date.now();
    } catch (error) {
      this.logger.warn(`full-text indexing failed: ${(error as Error).message}`);
    }
    this.schedule(indexed === limit ? BUSY_PAUSE_MS : IDLE_PAUSE_MS);
  }
}
