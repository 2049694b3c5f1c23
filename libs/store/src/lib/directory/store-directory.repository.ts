import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toNumber } from '../common/bigint';
import type { MailboxRow } from '../mailboxes/mailbox.repository';
import type { StorageLimits } from '../quota/quota-state';

/** A recipient as the store sees it: where its mailbox lives and which storage limits apply. */
export interface MailboxOwner {
  recipientId: string;
  alias: string;
  displayName: string;
  primarySmtpAddress: string | null;
  kind: string;
  /** The home mailbox store (recipient.mailbox_store_id); null for recipients without a mailbox. */
  homeStoreId: string | null;
  /** The recipient's own limits, or the store's when it uses the store defaults. */
  limits: StorageLimits;
}

interface OwnerRow {
  id: string;
  alias: string;
  display_name: string;
  primary_smtp_address: string | null;
  kind: string;
  mailbox_store_id: string | null;
  use_store_defaults: boolean;
  r_warning: number | null;
  r_send: number | null;
  r_send_receive: number | null;
  s_warning: number | null;
  s_send: number | null;
  s_send_receive: number | null;
}

const OWNER_COLUMNS = `r.id, r.alias, r.display_name, r.primary_smtp_address, r.kind, r.mailbox_store_id,
  r.use_store_defaults, r.issue_warning_kb AS r_warning, r.prohibit_send_kb AS r_send,
  r.prohibit_send_receive_kb AS r_send_receive, s.issue_warning_kb AS s_warning, s.prohibit_send_kb AS s_send,
  s.prohibit_send_receive_kb AS s_send_receive`;

function toOwner(row: OwnerRow): MailboxOwner {
  const own = !row.use_store_defaults;
  return {
    recipientId: row.id,
    alias: row.alias,
    displayName: row.display_name,
    primarySmtpAddress: row.primary_smtp_address,
    kind: row.kind,
    homeStoreId: row.mailbox_store_id,
    limits: {
      issueWarningKb: own ? row.r_warning : row.s_warning,
      prohibitSendKb: own ? row.r_send : row.s_send,
      prohibitSendReceiveKb: own ? row.r_send_receive : row.s_send_receive,
    },
  };
}

interface MailboxJoinRow {
  mb_id: string | null;
  mb_recipient_id: string | null;
  mb_store_id: string | null;
  mb_created_at: Date | null;
  mb_last_logon_at: Date | null;
  mb_last_quota_warning_at: Date | null;
  ms_name: string | null;
  ms_mounted: boolean | null;
  usage_bytes?: string | null;
  usage_items?: string | null;
  role_folder_id?: string | null;
  earlier_id?: string | null;
  earlier_folder_id?: string | null;
  earlier_uid?: string | null;
}

const MAILBOX_COLUMNS = `mb.id AS mb_id, mb.recipient_id AS mb_recipient_id, mb.information_store_id AS mb_store_id,
  mb.created_at AS mb_created_at, mb.last_logon_at AS mb_last_logon_at,
  mb.last_quota_warning_at AS mb_last_quota_warning_at, ms.name AS ms_name, ms.mounted AS ms_mounted`;

/** A recipient with its mailbox (null before the first logon or delivery) and the mount state of its store. */
export interface OwnerAndMailbox {
  owner: MailboxOwner;
  mailbox: {
    row: MailboxRow;
    storeName: string;
    mounted: boolean;
    /** Bytes and items of all its folders, when asked for. */
    usage: { bytes: number; items: number } | null;
    /** The folder with the role asked for (`folderRole`), if the mailbox has one. */
    roleFolderId?: string | null;
  } | null;
  /** The message stored earlier under the delivery key asked for (`deliveryKey`), if any. */
  earlier?: { messageId: string; folderId: string; uid: number } | null;
}

/** What findOwnerAndMailbox reads besides the owner and the mailbox, each as more columns of its statement. */
export interface OwnerAndMailboxOptions {
  /** The mailbox's size and item count (quota checks). */
  usage?: boolean;
  /** The id of the mailbox's folder with this role (a delivery's target folder). */
  folderRole?: string;
  /** A message already stored under this delivery key (exactly-once delivery after a restart). */
  deliveryKey?: string;
}

function toOwnerAndMailbox(row: OwnerRow & MailboxJoinRow, options: OwnerAndMailboxOptions): OwnerAndMailbox {
  const mailbox =
    row.mb_id === null
      ? null
      : {
          row: {
            id: row.mb_id,
            recipientId: row.mb_recipient_id,
            informationStoreId: row.mb_store_id as string,
            createdAt: row.mb_created_at as Date,
            lastLogonAt: row.mb_last_logon_at,
            lastQuotaWarningAt: row.mb_last_quota_warning_at,
          },
          storeName: row.ms_name as string,
          mounted: row.ms_mounted === true,
          usage: options.usage ? { bytes: toNumber(row.usage_bytes), items: toNumber(row.usage_items) } : null,
          roleFolderId: row.role_folder_id ?? null,
        };
  const earlier =
    row.earlier_id == null
      ? null
      : { messageId: row.earlier_id, folderId: row.earlier_folder_id as string, uid: toNumber(row.earlier_uid) };
  return { owner: toOwner(row), mailbox, earlier };
}

/**
 * Read-only look-ups of directory rows the store needs at delivery time (recipient home store and limits).
 * They run inside the store's own transaction with its EntityManager: on PGlite a call into a directory
 * service there would wait for the transaction's own session (docs/adr/0001). The store never writes these
 * tables.
 */
@Injectable()
export class StoreDirectoryRepository {
  async findOwner(manager: EntityManager, recipientId: string): Promise<MailboxOwner | null> {
    const [row] = await manager.query<OwnerRow[]>(
      `SELECT ${OWNER_COLUMNS} FROM recipient r LEFT JOIN information_store s ON s.id = r.mailbox_store_id WHERE r.id = $1`,
      [recipientId],
    );
    return row ? toOwner(row) : null;
  }

  /**
   * The owner, its mailbox if it has one and that mailbox's store in one statement: opening a mailbox is
   * the first thing of every logon, delivery and folder listing, so it costs one round trip, not three.
   */
  async findOwnerAndMailbox(
    manager: EntityManager,
    recipientId: string,
    options: OwnerAndMailboxOptions = {},
  ): Promise<OwnerAndMailbox | null> {
    const params: unknown[] = [recipientId];
    // The mailbox's size and item count (quota checks) as two more columns of the same statement.
    let more = options.usage
      ? `, (SELECT COALESCE(sum(size_bytes), 0) FROM folder WHERE mailbox_id = mb.id) AS usage_bytes,
           (SELECT COALESCE(sum(message_count), 0) FROM folder WHERE mailbox_id = mb.id) AS usage_items`
      : '';
    if (options.folderRole !== undefined) {
      params.push(options.folderRole);
      more += `, (SELECT id FROM folder WHERE mailbox_id = mb.id AND special_use = $${params.length}) AS role_folder_id`;
    }
    let earlierJoin = '';
    if (options.deliveryKey !== undefined) {
      params.push(options.deliveryKey);
      more += `, e.id AS earlier_id, e.folder_id AS earlier_folder_id, e.uid AS earlier_uid`;
      earlierJoin = `LEFT JOIN message e ON e.delivery_key = $${params.length}`;
    }
    const [row] = await manager.query<Array<OwnerRow & MailboxJoinRow>>(
      `SELECT ${OWNER_COLUMNS}, ${MAILBOX_COLUMNS}
              ${more}
         FROM recipient r
         LEFT JOIN information_store s ON s.id = r.mailbox_store_id
         LEFT JOIN mailbox mb ON mb.recipient_id = r.id
         LEFT JOIN information_store ms ON ms.id = mb.information_store_id
         ${earlierJoin}
        WHERE r.id = $1`,
      params,
    );
    return row ? toOwnerAndMailbox(row, options) : null;
  }

  /**
   * findOwnerAndMailbox for several recipients in one statement (OwnerLookupBatcher): every option is a
   * column of each request row, so requests with different options go together. Answers in the order asked,
   * null for a recipient that does not exist. The role folder and the delivery key are looked up per request:
   * LIMIT 1 (both are unique) keeps the planner from flattening the subqueries into joins, as a plan made
   * while the message table was small otherwise merged against the whole delivery-key index.
   */
  async findOwnersAndMailboxes(
    manager: EntityManager,
    requests: ReadonlyArray<{ recipientId: string; options?: OwnerAndMailboxOptions }>,
  ): Promise<Array<OwnerAndMailbox | null>> {
    const rows = await manager.query<Array<OwnerRow & MailboxJoinRow & { ord: number }>>(
      `SELECT q.ord, ${OWNER_COLUMNS}, ${MAILBOX_COLUMNS},
              u.usage_bytes, u.usage_items, rf.id AS role_folder_id,
              e.id AS earlier_id, e.folder_id AS earlier_folder_id, e.uid AS earlier_uid
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[]) WITH ORDINALITY
              AS q(recipient_id, folder_role, delivery_key, usage, ord)
         JOIN recipient r ON r.id = q.recipient_id
         LEFT JOIN information_store s ON s.id = r.mailbox_store_id
         LEFT JOIN mailbox mb ON mb.recipient_id = r.id
         LEFT JOIN information_store ms ON ms.id = mb.information_store_id
         LEFT JOIN LATERAL (
           SELECT COALESCE(sum(size_bytes), 0) AS usage_bytes, COALESCE(sum(message_count), 0) AS usage_items
             FROM folder WHERE mailbox_id = mb.id AND q.usage) u ON true
         LEFT JOIN LATERAL (SELECT id FROM folder WHERE mailbox_id = mb.id AND special_use = q.folder_role LIMIT 1) rf ON true
         LEFT JOIN LATERAL (SELECT id, folder_id, uid FROM message WHERE delivery_key = q.delivery_key LIMIT 1) e ON true`,
      [
        requests.map((r) => r.recipientId),
        requests.map((r) => r.options?.folderRole ?? null),
        requests.map((r) => r.options?.deliveryKey ?? null),
        requests.map((r) => r.options?.usage === true),
      ],
    );
    const out: Array<OwnerAndMailbox | null> = requests.map(() => null);
    for (const row of rows) {
      const i = Number(row.ord) - 1;
      out[i] = toOwnerAndMailbox(row, requests[i].options ?? {});
    }
    return out;
  }

  /** Mount state of a store, read at use time: a dismount takes effect on the next operation. */
  async storeState(
    manager: EntityManager,
    storeId: string,
  ): Promise<{ name: string; mounted: boolean; kind: string } | null> {
    const [row] = await manager.query<Array<{ name: string; mounted: boolean; kind: string }>>(
      `SELECT name, mounted, kind FROM information_store WHERE id = $1`,
      [storeId],
    );
    return row ?? null;
  }

  async storeIds(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM information_store ORDER BY id`);
    return rows.map((r) => r.id);
  }
}
