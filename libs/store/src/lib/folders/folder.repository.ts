import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/query-rows';
import { toNumber } from '../common/bigint';
import type { FolderChangeKind } from '../entities/folder-change.entity';
import type { FolderRole } from './folder-role';

/** The NOTIFY channel of store changes; the payload is `<folderId>:<modseq>`. */
export const STORE_CHANNEL = 'estafette_store';

/** What a store NOTIFY carries: the folder and the MODSEQ its change reached ("folderId:modseq"). */
export function storeChangePayload(folderId: string, modseq: number | string): string {
  return `${folderId}:${modseq}`;
}

export interface FolderRow {
  id: string;
  mailboxId: string;
  parentId: string | null;
  name: string;
  role: FolderRole | null;
  uidvalidity: number;
  uidnext: number;
  highestModseq: number;
  messageCount: number;
  sizeBytes: number;
  subscribed: boolean;
}

/** A folder with what every operation on it checks first: whose it is and whether its store is mounted. */
export interface FolderAccess extends FolderRow {
  recipientId: string | null;
  informationStoreId: string;
  mounted: boolean;
  /** The highest pruned MODSEQ of its change journal (0: never pruned). */
  journalFloor: number;
}

interface Row {
  id: string;
  mailbox_id: string;
  parent_id: string | null;
  name: string;
  special_use: FolderRole | null;
  uidvalidity: string;
  uidnext: string;
  highest_modseq: string;
  message_count: number;
  size_bytes: string;
  subscribed: boolean;
}

const COLUMNS = `f.id, f.mailbox_id, f.parent_id, f.name, f.special_use, f.uidvalidity, f.uidnext, f.highest_modseq,
  f.message_count, f.size_bytes, f.subscribed`;

function toFolder(row: Row): FolderRow {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    parentId: row.parent_id,
    name: row.name,
    role: row.special_use,
    uidvalidity: toNumber(row.uidvalidity),
    uidnext: toNumber(row.uidnext),
    highestModseq: toNumber(row.highest_modseq),
    messageCount: row.message_count,
    sizeBytes: toNumber(row.size_bytes),
    subscribed: row.subscribed,
  };
}

@Injectable()
export class FolderRepository {
  async listByMailbox(manager: EntityManager, mailboxId: string): Promise<FolderRow[]> {
    const rows = await queryRows<Row[]>(
      manager,
      `SELECT ${COLUMNS} FROM folder f WHERE f.mailbox_id = $1 ORDER BY f.created_at, f.id`,
      [mailboxId],
    );
    return rows.map(toFolder);
  }

  /**
   * Every folder of a recipient's mailbox with the mount state of its store, in one statement; null when
   * the recipient has no mailbox yet (a mailbox always has its default folders).
   */
  async listByRecipient(
    manager: EntityManager,
    recipientId: string,
  ): Promise<{ rows: FolderRow[]; storeName: string; mounted: boolean } | null> {
    const rows = await queryRows<Array<Row & { store_name: string; mounted: boolean }>>(
      manager,
      `SELECT ${COLUMNS}, s.name AS store_name, s.mounted
         FROM folder f JOIN mailbox m ON m.id = f.mailbox_id JOIN information_store s ON s.id = m.information_store_id
        WHERE m.recipient_id = $1 ORDER BY f.created_at, f.id`,
      [recipientId],
    );
    if (rows.length === 0) return null;
    return { rows: rows.map(toFolder), storeName: rows[0].store_name, mounted: rows[0].mounted };
  }

  async findAccess(manager: EntityManager, folderId: string): Promise<FolderAccess | null> {
    const [row] = await queryRows<
      Array<
        Row & { recipient_id: string | null; information_store_id: string; mounted: boolean; journal_floor: string }
      >
    >(
      manager,
      `SELECT ${COLUMNS}, m.recipient_id, m.information_store_id, s.mounted, f.journal_floor
         FROM folder f JOIN mailbox m ON m.id = f.mailbox_id JOIN information_store s ON s.id = m.information_store_id
        WHERE f.id = $1`,
      [folderId],
    );
    if (!row) return null;
    return {
      ...toFolder(row),
      recipientId: row.recipient_id,
      informationStoreId: row.information_store_id,
      mounted: row.mounted,
      journalFloor: toNumber(row.journal_floor),
    };
  }

  async findByRole(manager: EntityManager, mailboxId: string, role: FolderRole): Promise<FolderRow | null> {
    const [row] = await queryRows<Row[]>(
      manager,
      `SELECT ${COLUMNS} FROM folder f WHERE f.mailbox_id = $1 AND f.special_use = $2`,
      [mailboxId, role],
    );
    return row ? toFolder(row) : null;
  }

  async insert(manager: EntityManager, mailboxId: string, parentId: string | null, name: string): Promise<FolderRow> {
    const [row] = await queryRows<Row[]>(
      manager,
      `INSERT INTO folder AS f (mailbox_id, parent_id, name) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [mailboxId, parentId, name],
    );
    return toFolder(row);
  }

  /**
   * Renames or moves a folder. A new UIDVALIDITY is not needed: IMAP keys UIDs by the folder, and a rename
   * keeps the folder (RFC 3501 §6.3.5 only forbids reusing a name's UIDVALIDITY with other messages).
   */
  async rename(manager: EntityManager, folderId: string, parentId: string | null, name: string): Promise<number> {
    const [row] = await queryRows<Array<{ highest_modseq: string }>>(
      manager,
      `UPDATE folder SET parent_id = $2, name = $3, highest_modseq = highest_modseq + 1, updated_at = now()
        WHERE id = $1 RETURNING highest_modseq`,
      [folderId, parentId, name],
    );
    return toNumber(row?.highest_modseq);
  }

  async setSubscribed(manager: EntityManager, folderId: string, subscribed: boolean): Promise<void> {
    await manager.query(`UPDATE folder SET subscribed = $2, updated_at = now() WHERE id = $1`, [folderId, subscribed]);
  }

  /** Records that a user unsubscribed from (or subscribed again to) a folder of someone else's or a public one. */
  async setUnsubscribed(
    manager: EntityManager,
    recipientId: string,
    folderId: string,
    unsubscribed: boolean,
  ): Promise<void> {
    if (unsubscribed)
      await manager.query(
        `INSERT INTO folder_unsubscription (recipient_id, folder_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [recipientId, folderId],
      );
    else
      await manager.query(`DELETE FROM folder_unsubscription WHERE recipient_id = $1 AND folder_id = $2`, [
        recipientId,
        folderId,
      ]);
  }

  /** The folders of others and public folders a user unsubscribed from. */
  async unsubscribedBy(manager: EntityManager, recipientId: string): Promise<string[]> {
    const rows = await queryRows<Array<{ folder_id: string }>>(
      manager,
      `SELECT folder_id FROM folder_unsubscription WHERE recipient_id = $1`,
      [recipientId],
    );
    return rows.map((r) => r.folder_id);
  }

  /** The folder and every folder below it. */
  async subtreeIds(manager: EntityManager, folderId: string): Promise<string[]> {
    const rows = await queryRows<Array<{ id: string }>>(
      manager,
      `WITH RECURSIVE tree AS (SELECT id FROM folder WHERE id = $1
         UNION ALL SELECT f.id FROM folder f JOIN tree t ON f.parent_id = t.id)
       SELECT id FROM tree`,
      [folderId],
    );
    return rows.map((r) => r.id);
  }

  async deleteAll(manager: EntityManager, folderIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM folder WHERE id = ANY($1::uuid[])`, [folderIds]);
  }

  /**
   * Allocates `count` UIDs and one MODSEQ in a single UPDATE … RETURNING, adjusting the counters in the
   * same statement. The row lock it takes serialises writers of the folder until commit, so UIDs and
   * MODSEQs become visible in increasing order.
   */
  async allocate(
    manager: EntityManager,
    folderId: string,
    uids: number,
    countDelta: number,
    sizeDelta: number,
  ): Promise<{ firstUid: number; modseq: number }> {
    const [row] = await queryRows<Array<{ first_uid: string; highest_modseq: string }>>(
      manager,
      `UPDATE folder SET uidnext = uidnext + $2, highest_modseq = highest_modseq + 1,
              message_count = message_count + $3, size_bytes = size_bytes + $4, updated_at = now()
        WHERE id = $1 RETURNING uidnext - $2 AS first_uid, highest_modseq`,
      [folderId, uids, countDelta, sizeDelta],
    );
    if (!row) throw new Error(`folder ${folderId} does not exist`);
    return { firstUid: toNumber(row.first_uid), modseq: toNumber(row.highest_modseq) };
  }

  /**
   * One MODSEQ for a change of the folder, only when its store is mounted: null when the folder is missing
   * or its store dismounted (the caller then says which). Takes the folder's row lock, as allocate() does.
   */
  async allocateIfMounted(manager: EntityManager, folderId: string): Promise<number | null> {
    const [row] = await queryRows<Array<{ highest_modseq: string }>>(
      manager,
      `UPDATE folder f SET highest_modseq = f.highest_modseq + 1, updated_at = now()
         FROM mailbox mb JOIN information_store s ON s.id = mb.information_store_id
        WHERE f.id = $1 AND mb.id = f.mailbox_id AND s.mounted
        RETURNING f.highest_modseq`,
      [folderId],
    );
    return row ? toNumber(row.highest_modseq) : null;
  }

  /** Row locks on folders, taken in id order (callers pass them sorted). */
  async lock(manager: EntityManager, folderIds: readonly string[]): Promise<void> {
    await manager.query(`SELECT id FROM folder WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [folderIds]);
  }

  async journal(
    manager: EntityManager,
    folderId: string,
    modseq: number,
    kind: FolderChangeKind,
    uids: readonly number[] | null,
  ): Promise<void> {
    if (uids === null) {
      await manager.query(`INSERT INTO folder_change (folder_id, modseq, kind) VALUES ($1, $2, $3)`, [
        folderId,
        modseq,
        kind,
      ]);
      return;
    }
    if (uids.length === 0) return;
    await manager.query(
      `INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT $1, $2, $3, unnest($4::bigint[])`,
      [folderId, modseq, kind, uids],
    );
  }

  /** journal() and notify() as one statement: the journal rows and the announcement of their MODSEQ. */
  async journalAndNotify(
    manager: EntityManager,
    folderId: string,
    modseq: number,
    kind: FolderChangeKind,
    uids: readonly number[],
  ): Promise<void> {
    await manager.query(
      `WITH journal AS (INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT $1, $2, $3, unnest($4::bigint[]))
       SELECT pg_notify($5, $6)`,
      [folderId, modseq, kind, uids, STORE_CHANNEL, storeChangePayload(folderId, modseq)],
    );
  }

  /** Announces a change; inside a transaction PostgreSQL delivers it at commit, never for a rollback. */
  async notify(manager: EntityManager, folderId: string, modseq: number): Promise<void> {
    await manager.query(`SELECT pg_notify($1, $2)`, [STORE_CHANNEL, storeChangePayload(folderId, modseq)]);
  }

  /**
   * The journal of a folder after a MODSEQ with the folder's journal floor and its store's state, in one
   * statement (IMAP reads it after every command): one snapshot, so a pruning cannot fall between the
   * rows and the floor. Null when the folder does not exist.
   */
  async journalWithFloor(
    manager: EntityManager,
    folderId: string,
    modseq: number,
  ): Promise<{
    journalFloor: number;
    mounted: boolean;
    informationStoreId: string;
    changes: JournalChange[];
  } | null> {
    const rows = await queryRows<
      Array<{
        journal_floor: string;
        mounted: boolean;
        information_store_id: string;
        modseq: string | null;
        kind: FolderChangeKind | null;
        uid: string | null;
      }>
    >(
      manager,
      `SELECT f.journal_floor, s.mounted, m.information_store_id, c.modseq, c.kind, c.uid
         FROM folder f JOIN mailbox m ON m.id = f.mailbox_id JOIN information_store s ON s.id = m.information_store_id
         LEFT JOIN LATERAL (SELECT id, modseq, kind, uid FROM folder_change WHERE folder_id = f.id AND modseq > $2) c ON true
        WHERE f.id = $1
        ORDER BY c.modseq, c.id`,
      [folderId, modseq],
    );
    if (rows.length === 0) return null;
    const [first] = rows;
    return {
      journalFloor: toNumber(first.journal_floor),
      mounted: first.mounted,
      informationStoreId: first.information_store_id,
      changes: rows.filter((r) => r.modseq !== null).map((r) => toJournalChange(r as JournalRow)),
    };
  }

  /** Changes of a folder after a MODSEQ, oldest first: what an IDLE session or a webmail page missed. */
  async changesSince(manager: EntityManager, folderId: string, modseq: number): Promise<JournalChange[]> {
    const rows = await queryRows<JournalRow[]>(
      manager,
      `SELECT modseq, kind, uid FROM folder_change WHERE folder_id = $1 AND modseq > $2 ORDER BY modseq, id`,
      [folderId, modseq],
    );
    return rows.map(toJournalChange);
  }
}

/** A line of a folder's change journal, as read. */
interface JournalRow {
  modseq: string;
  kind: FolderChangeKind;
  uid: string | null;
}

/** A line of a folder's change journal. */
export interface JournalChange {
  modseq: number;
  kind: FolderChangeKind;
  uid: number | null;
}

function toJournalChange(row: JournalRow): JournalChange {
  return { modseq: toNumber(row.modseq), kind: row.kind, uid: row.uid === null ? null : toNumber(row.uid) };
}
