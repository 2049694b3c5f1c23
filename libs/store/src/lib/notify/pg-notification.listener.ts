import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { NotificationListener } from './notification-listener';

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * LISTEN on PostgreSQL over a dedicated connection (a pooled one would be handed to other queries). The
 * connection is re-established with backoff when it drops.
 */
export class PgNotificationListener implements NotificationListener {
  private readonly logger = new Logger('StoreNotifications');

  constructor(private readonly connectionString: string) {}

  async listen(
    channel: string,
    onPayload: (payload: string) => void,
    onResync?: () => void,
  ): Promise<() => Promise<void>> {
    if (!CHANNEL.test(channel)) throw new Error(`invalid channel name "${channel}"`);
    let stopped = false;
    let client: Client | null = null;
    let retry: NodeJS.Timeout | null = null;
    let delay = 500;

    const connect = async (): Promise<void> => {
      const next = new Client({ connectionString: this.connectionString });
      next.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      const lost = (error?: Error): void => {
        if (stopped || client !== next) return;
        client = null;
        this.logger.warn(`LISTEN connection lost${error ? `: ${error.message}` : ''}; reconnecting`);
        schedule();
      };
      next.on('error', lost);
      next.on('end', () => lost());
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      client = next;
      delay = 500;
    };
    const schedule = (): void => {
      retry = setTimeout(() => {
        retry = null;
        connect().then(
          () => onResync?.(),
          (error: Error) => {
            this.logger.warn(`LISTEN reconnect failed: ${error.message}`);
            delay = Math.min(delay * 2, 30_000);
            if (!stopped) schedule();
          },
        );
      }, delay);
      retry.unref();
    };

    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    };
  }
}
