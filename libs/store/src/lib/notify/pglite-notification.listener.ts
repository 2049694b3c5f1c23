import { AsyncResource } from 'node:async_hooks';
import type { DataSource } from 'typeorm';
import type { NotificationListener } from './notification-listener';

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/** Where notifications of an embedded PGlite arrive (a PGlite instance is one). */
export interface PgliteNotificationSource {
  onNotification(callback: (channel: string, payload: string) => void): () => void;
}

/**
 * LISTEN on embedded PGlite: one session, so the LISTEN itself goes through the DataSource (which leases the
 * session, never inside someone's transaction), and notifications are read from PGlite's callback.
 *
 * PGlite calls back from the query that committed the NOTIFY, in that transaction's async context: a
 * subscriber querying the store there would be taken for a query nested in the transaction (one session,
 * see the server's pglite-pool). Delivery therefore runs in the context of the subscription instead.
 */
export class PgliteNotificationListener implements NotificationListener {
  readonly immediate = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly instance: () => Promise<PgliteNotificationSource> | undefined,
  ) {}

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    if (!CHANNEL.test(channel)) throw new Error(`invalid channel name "${channel}"`);
    const pglite = this.instance();
    if (!pglite) throw new Error('the DataSource is not backed by PGlite');
    const db = await pglite;
    const deliver = AsyncResource.bind(onPayload);
    const off = db.onNotification((name, payload) => {
      if (name === channel) deliver(payload);
    });
    await this.dataSource.query(`LISTEN ${channel}`);
    return async () => {
      off();
      if (this.dataSource.isInitialized) await this.dataSource.query(`UNLISTEN ${channel}`).catch(() => undefined);
    };
  }
}
