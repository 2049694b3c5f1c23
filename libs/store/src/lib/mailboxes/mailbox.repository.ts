import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/query-rows';
import { toNumber } from '../common/bigint';
import { DEFAULT_FOLDERS } from '../folders/folder-role';

export interface MailboxRow {
  id: string;
  recipientId: string | null;
  informationStoreId: string;
  createdAt: Date;
  lastLogonAt: Date | null;
  lastQuotaWarningAt: Date | null;
}

interface Row {
  id: string;
  recipient_id: string | null;
  information_store_id: string;
  created_at: Date;
  last_logon_at: Date | null;
  last_quota_warning_at: Date | null;
}

const COLUMNS = 'id, recipient_id, information_store_id, created_at, last_logon_at, last_quota_warning_at';

function toMailbox(row: Row): MailboxRow {
  return {
    id: row.id,
    recipientId: row.recipient_id,
    informationStoreId: row.information_store_id,
    createdAt: row.created_at,
    lastLogonAt: row.last_logon_at,
    lastQuotaWarningAt: row.last_quota_warning_at,
  };
}

@Injectable()
export class MailboxRepository {
  async findByRecipient(manager: EntityManager, recipientId: string): Promise<MailboxRow | null> {
    const [row] = await queryRows<Row[]>(manager, `SELECT ${COLUMNS} FROM mailbox WHERE recipient_id = $1`, [
      recipientId,
    ]);
    return row ? toMailbox(row) : null;
  }

  /**
   * Creates the mailbox with its default folders in one statement unless it exists, only in a mounted
   * store. Needs no transaction (a first delivery: on PGlite the statements of a transaction hold this
   * thread until the worker answers each one). Null when the store is not mounted or a mailbox exists
   * already (a concurrent first delivery's: the unique index waits for it, and it came with its folders):
   * the caller reads it, or finds out why.
   */
  async createWithDefaults(manager: EntityManager, recipientId: string, storeId: string): Promise<MailboxRow | null> {
    const [row] = await queryRows<Row[]>(
      manager,
      `WITH created AS (
         INSERT INTO mailbox (recipient_id, information_store_id)
         SELECT $1, s.id FROM information_store s WHERE s.id = $2 AND s.mounted
         ON CONFLICT (recipient_id) DO NOTHING RETURNING ${COLUMNS}),
       folders AS (
         INSERT INTO folder (mailbox_id, name, special_use)
         SELECT c.id, d.name, d.role FROM created c CROSS JOIN unnest($3::text[], $4::text[]) AS d(name, role))
       SELECT ${COLUMNS} FROM created`,
      [recipientId, storeId, DEFAULT_FOLDERS.map((f) => f.name), DEFAULT_FOLDERS.map((f) => f.role)],
    );
    return row ? toMailbox(row) : null;
  }

  async recordLogon(manager: EntityManager, mailboxId: string, at: Date): Promise<void> {
    await manager.query(`UPDATE mailbox SET last_logon_at = $2 WHERE id = $1`, [mailboxId, at]);
  }

  /** Claims the day's quota warning: true for the one caller that may send it (at most one a day). */
  async claimQuotaWarning(manager: EntityManager, mailboxId: string, now: Date, notAfter: Date): Promise<boolean> {
    const rows = await queryRows<Array<{ id: string }>>(
      manager,
      `UPDATE mailbox SET last_quota_warning_at = $2
        WHERE id = $1 AND (last_quota_warning_at IS NULL OR last_quota_warning_at <= $3) RETURNING id`,
      [mailboxId, now, notAfter],
    );
    return rows.length > 0;
  }

  /** Size and item count of a mailbox, from the per-folder counters (no scan of messages). */
  async usage(manager: EntityManager, mailboxId: string): Promise<{ bytes: number; items: number }> {
    const [row] = await queryRows<Array<{ bytes: string; items: string }>>(
      manager,
      `SELECT COALESCE(sum(size_bytes), 0) AS bytes, COALESCE(sum(message_count), 0) AS items
         FROM folder WHERE mailbox_id = $1`,
      [mailboxId],
    );
    return { bytes: toNumber(row?.bytes), items: toNumber(row?.items) };
  }

  /** Marks mailboxes whose recipient was deleted, so their retention period starts. */
  async markDisconnected(manager: EntityManager, now: Date): Promise<number> {
    const rows = await queryRows<Array<{ id: string }>>(
      manager,
      // A public folder store's mailbox has no recipient by design: it is never disconnected.
      `UPDATE mailbox SET disconnected_at = $1 WHERE recipient_id IS NULL AND kind = 'user' AND disconnected_at IS NULL
        RETURNING id`,
      [now],
    );
    return rows.length;
  }

  async findDisconnectedBefore(manager: EntityManager, before: Date, limit: number): Promise<string[]> {
    const rows = await queryRows<Array<{ id: string }>>(
      manager,
      `SELECT id FROM mailbox WHERE recipient_id IS NULL AND kind = 'user' AND disconnected_at < $1
        ORDER BY disconnected_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.id);
  }

  async delete(manager: EntityManager, mailboxId: string): Promise<void> {
    await manager.query(`DELETE FROM mailbox WHERE id = $1`, [mailboxId]);
  }
}
