import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

const CHANNEL = 'estafette_queue';

/**
 * Wakes idle queue workers when there is new work: at once inside this process, and through
 * PostgreSQL LISTEN/NOTIFY across server processes (NOTIFY is sent in the transaction that made
 * the work, so it arrives when that commits). Workers also poll, so a lost notification only delays.
 */
@Injectable()
export class QueueSignal implements OnModuleDestroy {
  private readonly logger = new Logger('QueueSignal');
  private readonly waiters = new Set<() => void>();
  private pending = false;
  private listener: Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  wake(): void {
    if (this.waiters.size === 0) {
      this.pending = true;
      return;
    }
    for (const resolve of [...this.waiters]) resolve();
  }

  /** Resolves on the next wake-up or after `ms`. A wake-up that came while nobody waited is not lost. */
  wait(ms: number): Promise<void> {
    if (this.pending || this.stopped) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.waiters.add(done);
    });
  }

  /**
   * Tells the other processes, on commit of `manager`'s transaction. Embedded PGlite has no other process
   * (its data directory is this process's alone): nothing to send, wake() covers it.
   */
  async notify(manager: EntityManager): Promise<void> {
    const notify = this.notifySql();
    if (notify) await manager.query(`SELECT ${notify}`);
  }

  /**
   * The same as a part of a larger statement: an expression to select (it sends on commit of that
   * statement), or null when there is nobody to tell.
   */
  notifySql(): string | null {
    return this.postgresUrl ? `pg_notify('${CHANNEL}', '')` : null;
  }

  /** The PostgreSQL server shared with other processes, or undefined on embedded PGlite. */
  private get postgresUrl(): string | undefined {
    return (this.db.options as { url?: string }).url;
  }

  /** On PostgreSQL: a dedicated session that LISTENs (PGlite is one process: in-process wake-ups suffice). */
  async listen(): Promise<void> {
    const url = this.postgresUrl;
    if (!url || this.stopped) return;
    const client = new Client({ connectionString: url });
    client.on('notification', () => this.wake());
    client.on('error', (error: Error) => {
      this.logger.warn(`queue notifications lost (${error.message}); reconnecting`);
      this.reconnect(client);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
      if (this.stopped) await this.close();
    } catch (error) {
      this.logger.warn(`cannot listen for queue notifications: ${(error as Error).message}`);
      this.reconnect(client);
    }
  }

  private reconnect(client: Client): void {
    if (this.listener === client) this.listener = null;
    client.end().catch(() => undefined);
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen();
    }, 5_000);
  }

  private async close(): Promise<void> {
    const client = this.listener;
    this.listener = null;
    if (client) await client.end().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const resolve of [...this.waiters]) resolve();
    await this.close();
  }
}
