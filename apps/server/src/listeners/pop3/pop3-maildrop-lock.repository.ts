import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * The POP3 maildrop locks (RFC 1939 §8), one row per locked mailbox with a lease on the database's
 * clock, so that every server process sharing the database sees the same lock (PostgreSQL or PGlite
 * alike) and a lock left by a crashed process ends when its lease runs out.
 */
@Injectable()
export class Pop3MaildropLockRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Takes the lock, or takes over an expired one; false while another holder's lease runs. */
  async tryAcquire(mailboxId: string, holder: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.query<Array<{ holder: string }>>(
      `INSERT INTO pop3_maildrop_lock (mailbox_id, holder, expires_at)
       VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (mailbox_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
        WHERE pop3_maildrop_lock.expires_at < now()
       RETURNING holder`,
      [mailboxId, holder, leaseMs],
    );
    return rows.length === 1;
  }

  /** Extends the lease; false when the lock is no longer this holder's. */
  async renew(mailboxId: string, holder: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.query<Array<{ holder: string }>>(
      `UPDATE pop3_maildrop_lock SET expires_at = now() + $3 * interval '1 millisecond'
        WHERE mailbox_id = $1 AND holder = $2 RETURNING holder`,
      [mailboxId, holder, leaseMs],
    );
    return rows.length === 1;
  }

  async release(mailboxId: string, holder: string): Promise<void> {
    await this.db.query(`DELETE FROM pop3_maildrop_lock WHERE mailbox_id = $1 AND holder = $2`, [mailboxId, holder]);
  }
}
