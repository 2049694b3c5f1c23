import type { PGlite } from '@electric-sql/pglite';
import type { DataSource } from 'typeorm';
import type { NotificationListener } from './notification-listener';

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * LISTEN on embedded PGlite: one session, so the LISTEN itself goes through the DataSource (which leases the
 * session, never inside someone's transaction), and notifications are read from PGlite's callback.
 */
export class PgliteNotificationListener implements NotificationListener {
  constructor(
    private readonly dataSource: DataSource,
    private readonly instance: () => Promise<PGlite> | undefined,
  ) {}

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    if (!CHANNEL.test(channel)) throw new Error(`invalid channel name "${channel}"`);
    const pglite = this.instance();
    if (!pglite) throw new Error('the DataSource is not backed by PGlite');
    const db = await pglite;
    const off = db.onNotification((name, payload) => {
      if (name === channel) onPayload(payload);
    });
    await this.dataSource.query(`LISTEN ${channel}`);
    return async () => {
      off();
      if (this.dataSource.isInitialized) await this.dataSource.query(`UNLISTEN ${channel}`).catch(() => undefined);
    };
  }
}
