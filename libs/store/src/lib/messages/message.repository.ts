import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MessageSummary } from '@estafette/mime';
import { toNumber } from '../common/bigint';
import { STORE_CHANNEL } from '../folders/folder.repository';

/** A message to append: its UID and MODSEQ are allocated by the same statement (allocateAndInsert). */
export interface NewMessage {
  folderId: string;
  flags: readonly string[];
  internalDate: Date;
  size: number;
  sha256: string;
  summary: MessageSummary;
  /** Set by local delivery only: see findByDeliveryKey. */
  deliveryKey?: string;
  /** Only into a folder of this store (else nothing is written and the answer is null). */
  storeId?: string;
  /**
   * Refused ('over-quota', nothing written) when the message would take its mailbox past the owner's
   * prohibit-send-and-receive limit (IMAP APPEND checks it in the same statement as it appends).
   */
  quotaCheck?: boolean;
}

/** The answer of an append: the stored message, null (not a mounted folder of its store) or 'over-quota'. */
export type AppendOutcome = InsertedMessage | 'over-quota' | null;

/**
 * Whether a message of `size` bytes would take the mailbox of folder `f` past its owner's prohibit send and
 * receive limit (the owner's own, or the home store's when the owner uses the store defaults; none: never),
 * as QuotaService counts it: every folder's size plus the new message. `f` must be joined to `folder`.
 */
function overQuota(f: string, size: string): string {
  return `(SELECT COALESCE((SELECT sum(size_bytes) FROM folder WHERE mailbox_id = ${f}.mailbox_id), 0) + ${size}
                 > 1024::bigint * CASE WHEN r.use_store_defaults THEN hs.prohibit_send_receive_kb
                                       ELSE r.prohibit_send_receive_kb END
            FROM mailbox qm JOIN recipient r ON r.id = qm.recipient_id
            LEFT JOIN information_store hs ON hs.id = r.mailbox_store_id
           WHERE qm.id = ${f}.mailbox_id) IS TRUE`;
}

/** A row of the append statements' answer: a stored message, or a refused one (`over_quota`, the rest null). */
interface InsertedRow {
  id: string;
  uid: string;
  modseq: string;
  uidvalidity: string;
  information_store_id: string;
  over_quota: boolean;
}

/**
 * A flag operation on message row `m` with the flags `flags` (an SQL expression): `set` its new flags, `when`
 * it changes anything (a STORE that would change nothing leaves the row and its MODSEQ alone).
 */
function flagChange(flags: string): Record<FlagOperation, { set: string; when: string }> {
  return {
    set: { set: flags, when: `NOT (m.flags @> ${flags} AND ${flags} @> m.flags)` },
    add: {
      set: `m.flags || ARRAY(SELECT f FROM unnest(${flags}) f WHERE f <> ALL(m.flags))`,
      when: `NOT m.flags @> ${flags}`,
    },
    remove: { set: `ARRAY(SELECT f FROM unnest(m.flags) f WHERE f <> ALL(${flags}))`, when: `m.flags && ${flags}` },
  };
}

/** flagChange's `part` for the operation named by the SQL expression `operation` (a batch's row). */
function byOperation(operation: string, part: 'set' | 'when', flags: string): string {
  const change = flagChange(flags);
  return `CASE ${operation} WHEN 'set' THEN ${change.set[part]} WHEN 'add' THEN ${change.add[part]} ELSE ${change.remove[part]} END`;
}

/** What allocateAndInsert stored. */
export interface InsertedMessage {
  id: string;
  uid: number;
  modseq: number;
  uidvalidity: number;
  informationStoreId: string;
}

/** Where a delivery put its message. */
export interface DeliveredRow {
  messageId: string;
  folderId: string;
  uid: number;
}

export interface MessageListItem {
  id: string;
  uid: number;
  modseq: number;
  flags: string[];
  internalDate: Date;
  size: number;
  sha256: string;
  subject: string;
  from: string;
  messageId: string | null;
}

/** A live message as a download sees it: its identity, UID and blob. */
export type DownloadItem = Pick<MessageListItem, 'id' | 'uid' | 'size' | 'sha256'>;

export type FlagOperation = 'set' | 'add' | 'remove';

/** A STORE as the store makes it (changeFlagsAtomically, changeFlagsMany). */
export interface FlagChangeRequest {
  folderId: string;
  uids: readonly number[];
  operation: FlagOperation;
  flags: readonly string[];
  /** RFC 7162 UNCHANGEDSINCE: messages with a higher MODSEQ are left as they are. */
  unchangedSince: number | null;
}

/** The MODSEQ a flag change took, and every live message of its set with its flags after it. */
export interface FlagChangeResult {
  modseq: number;
  rows: Array<{ uid: number; flags: string[]; modseq: number; changed: boolean }>;
}

interface ListRow {
  id: string;
  uid: string;
  modseq: string;
  flags: string[];
  internal_date: Date;
  size: number;
  blob_sha256: string;
  subject: string;
  from_address: string;
  message_id: string | null;
}

/**
 * The full-text document of a message (row `m`, its message_fulltext row `t`): sender and subject weigh
 * most, then recipients, then the body text ('simple' configuration: no stemming, any language). A new
 * message keeps its body text (its words: MessageSummaryCache applies searchWords) in t.search_text until
 * SearchIndexer stores this as t.search_vector; searches compute it on the fly for such pending rows. PostgreSQL limits a tsvector to 1 MB; the body
 * text is capped before it gets here.
 */
export function searchDocument(m: string, t: string): string {
  return `(setweight(to_tsvector('simple', ${m}.from_address), 'A')
    || setweight(to_tsvector('simple', ${m}.to_addresses || ' ' || ${m}.cc_addresses), 'B')
    || setweight(to_tsvector('simple', ${m}.subject), 'A') || to_tsvector('simple', COALESCE(${t}.search_text, '')))`;
}

/**
 * A full-text match on message `m`, indexed or still pending (the GIN index serves the indexed ones).
 * With `pendingMatch` false, a pending message counts as a match (a prefilter that a recheck follows).
 */
export function searchMatches(m: string, tsquery: string, pendingMatch = true): string {
  const pending = pendingMatch ? `${searchDocument(m, 't')} @@ ${tsquery}` : 'TRUE';
  return `EXISTS (SELECT 1 FROM message_fulltext t WHERE t.message_id = ${m}.id
    AND (t.search_vector @@ ${tsquery} OR (t.search_vector IS NULL AND ${pending})))`;
}

@Injectable()
export class MessageRepository {
  /**
   * Appends a message in one statement: the folder's next UID and MODSEQ (its row lock, taken first as
   * everywhere else, so a blob row locked first cannot deadlock with a copy into the same folder), a
   * reference on the blob in the folder's store, the message, its full-text row, its journal line and the
   * announcement. Null when the folder does not exist, its store is dismounted or is not `m.storeId`;
   * 'over-quota' when `m.quotaCheck` and the message would pass its owner's limit (nothing written either;
   * the quota is read without a lock, as QuotaService reads it).
   */
  async allocateAndInsert(manager: EntityManager, m: NewMessage): Promise<AppendOutcome> {
    const h = m.summary.headers;
    const [row] = await manager.query<InsertedRow[]>(
      `WITH over AS (SELECT true AS over FROM folder f WHERE f.id = $1 AND $20::boolean AND ${overQuota('f', '$5')}),
       alloc AS (
         UPDATE folder f SET uidnext = f.uidnext + 1, highest_modseq = f.highest_modseq + 1,
                message_count = f.message_count + 1, size_bytes = f.size_bytes + $5, updated_at = now()
           FROM mailbox mb JOIN information_store s ON s.id = mb.information_store_id
          WHERE f.id = $1 AND mb.id = f.mailbox_id AND s.mounted AND ($19::uuid IS NULL OR s.id = $19::uuid)
            AND NOT EXISTS (SELECT 1 FROM over)
          RETURNING f.uidnext - 1 AS uid, f.highest_modseq AS modseq, f.uidvalidity, mb.information_store_id),
       ref AS (
         INSERT INTO store_blob (information_store_id, sha256, size, refcount)
         SELECT information_store_id, $6::text, $5::bigint, 1 FROM alloc
         ON CONFLICT (information_store_id, sha256) DO UPDATE SET refcount = store_blob.refcount + 1),
       inserted AS (
         INSERT INTO message (folder_id, uid, modseq, flags, internal_date, size, information_store_id, blob_sha256,
           message_id, subject, from_address, to_addresses, cc_addresses, sent_at, in_reply_to, message_references,
           envelope, body_structure, delivery_key)
         SELECT $1, a.uid, a.modseq, $3, $4, $5, a.information_store_id, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                $15, $16, $18
           FROM alloc a
         RETURNING id, uid, modseq),
       fulltext AS (INSERT INTO message_fulltext (message_id, search_text) SELECT id, $17 FROM inserted),
       journal AS (INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT $1, modseq, 'append', uid FROM inserted)
       SELECT i.id, i.uid, i.modseq, a.uidvalidity, a.information_store_id,
              (SELECT count(*) FROM (SELECT pg_notify($2, $1::text || ':' || i.modseq::text)) n) AS notified,
              false AS over_quota
         FROM inserted i CROSS JOIN alloc a
       UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, 0, true FROM over`,
      [
        m.folderId,
        STORE_CHANNEL,
        m.flags,
        m.internalDate,
        m.size,
        m.sha256,
        h.messageId,
        h.subject,
        h.from,
        h.to,
        h.cc,
        h.date,
        h.inReplyTo,
        h.references,
        JSON.stringify(m.summary.envelope),
        JSON.stringify(m.summary.bodyStructure),
        m.summary.text,
        m.deliveryKey ?? null,
        m.storeId ?? null,
        m.quotaCheck === true,
      ],
    );
    if (!row) return null;
    if (row.over_quota) return 'over-quota';
    return {
      id: row.id,
      uid: toNumber(row.uid),
      modseq: toNumber(row.modseq),
      uidvalidity: toNumber(row.uidvalidity),
      informationStoreId: row.information_store_id,
    };
  }

  /**
   * Appends several messages in one statement, as allocateAndInsert does one: per folder its next UIDs and
   * MODSEQs in the order given (one update of the folder row for all its messages), one reference per copy on
   * each blob, the messages, their full-text rows, journal lines and one announcement per folder (its highest
   * MODSEQ). The rows travel as one JSON document. Each message goes only into a folder of `storeId` whose
   * store is mounted; for the others the answer is null and nothing of theirs is written. Atomic: on an error
   * nothing is written (the caller appends them one by one).
   */
  async allocateAndInsertMany(
    manager: EntityManager,
    batch: ReadonlyArray<NewMessage & { storeId: string }>,
  ): Promise<AppendOutcome[]> {
    const rows = batch.map((m, ord) => {
      const h = m.summary.headers;
      return {
        ord,
        folder_id: m.folderId,
        store_id: m.storeId,
        flags: m.flags,
        internal_date: m.internalDate,
        size: m.size,
        sha256: m.sha256,
        message_id: h.messageId,
        subject: h.subject,
        from_address: h.from,
        to_addresses: h.to,
        cc_addresses: h.cc,
        sent_at: h.date,
        in_reply_to: h.inReplyTo,
        message_references: h.references,
        envelope: m.summary.envelope,
        body_structure: m.summary.bodyStructure,
        search_text: m.summary.text,
        delivery_key: m.deliveryKey ?? null,
        quota: m.quotaCheck === true,
      };
    });
    const found = await manager.query<Array<InsertedRow & { ord: number }>>(
      `WITH input AS (
         SELECT r.* FROM jsonb_to_recordset($1::jsonb) AS r(ord int, folder_id uuid, store_id uuid, flags text[],
                internal_date timestamptz, size int, sha256 text, message_id text, subject text, from_address text,
                to_addresses text, cc_addresses text, sent_at timestamptz, in_reply_to text,
                message_references text[], envelope jsonb, body_structure jsonb, search_text text,
                delivery_key text, quota boolean)),
       over AS (
         SELECT i.ord FROM input i JOIN folder f ON f.id = i.folder_id WHERE i.quota AND ${overQuota('f', 'i.size')}),
       accepted AS (
         SELECT i.*, row_number() OVER (PARTITION BY i.folder_id ORDER BY i.ord) AS nth
           FROM input i JOIN folder f ON f.id = i.folder_id JOIN mailbox mb ON mb.id = f.mailbox_id
           JOIN information_store s ON s.id = mb.information_store_id
          WHERE s.mounted AND s.id = i.store_id AND i.ord NOT IN (SELECT ord FROM over)),
       wanted AS (
         SELECT folder_id, store_id, count(*) AS n, sum(size) AS bytes FROM accepted GROUP BY folder_id, store_id),
       alloc AS (
         UPDATE folder f SET uidnext = f.uidnext + w.n, highest_modseq = f.highest_modseq + w.n,
                message_count = f.message_count + w.n, size_bytes = f.size_bytes + w.bytes, updated_at = now()
           FROM wanted w, mailbox mb JOIN information_store s ON s.id = mb.information_store_id
          WHERE f.id = w.folder_id AND mb.id = f.mailbox_id AND s.mounted AND s.id = w.store_id
          RETURNING f.id AS folder_id, f.uidnext - w.n AS first_uid, f.highest_modseq - w.n AS first_modseq,
                    f.uidvalidity, s.id AS information_store_id),
       placed AS (
         SELECT i.*, a.first_uid + i.nth - 1 AS uid, a.first_modseq + i.nth AS modseq, a.uidvalidity,
                a.information_store_id
           FROM accepted i JOIN alloc a ON a.folder_id = i.folder_id),
       ref AS (
         INSERT INTO store_blob (information_store_id, sha256, size, refcount)
         SELECT information_store_id, sha256, min(size), count(*) FROM placed
          GROUP BY information_store_id, sha256 ORDER BY information_store_id, sha256
         ON CONFLICT (information_store_id, sha256) DO UPDATE SET refcount = store_blob.refcount + EXCLUDED.refcount),
       inserted AS (
         INSERT INTO message (folder_id, uid, modseq, flags, internal_date, size, information_store_id, blob_sha256,
           message_id, subject, from_address, to_addresses, cc_addresses, sent_at, in_reply_to, message_references,
           envelope, body_structure, delivery_key)
         SELECT folder_id, uid, modseq, COALESCE(flags, '{}'), internal_date, size, information_store_id, sha256,
                message_id, COALESCE(subject, ''), COALESCE(from_address, ''), COALESCE(to_addresses, ''),
                COALESCE(cc_addresses, ''), sent_at, in_reply_to, COALESCE(message_references, '{}'), envelope,
                body_structure, delivery_key
           FROM placed
         RETURNING id, folder_id, uid, modseq),
       fulltext AS (
         INSERT INTO message_fulltext (message_id, search_text)
         SELECT i.id, p.search_text FROM inserted i JOIN placed p ON p.folder_id = i.folder_id AND p.uid = i.uid),
       journal AS (
         INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT folder_id, modseq, 'append', uid FROM inserted),
       notified AS (
         SELECT count(pg_notify($2, folder_id::text || ':' || modseq::text)) AS n
           FROM (SELECT folder_id, max(modseq) AS modseq FROM inserted GROUP BY folder_id) last)
       SELECT p.ord, i.id, i.uid, i.modseq, p.uidvalidity, p.information_store_id, (SELECT n FROM notified) AS notified,
              false AS over_quota
         FROM inserted i JOIN placed p ON p.folder_id = i.folder_id AND p.uid = i.uid
       UNION ALL SELECT ord, NULL, NULL, NULL, NULL, NULL, NULL, true FROM over`,
      [JSON.stringify(rows), STORE_CHANNEL],
    );
    const out: AppendOutcome[] = batch.map(() => null);
    for (const row of found) {
      if (row.over_quota) {
        out[Number(row.ord)] = 'over-quota';
        continue;
      }
      out[Number(row.ord)] = {
        id: row.id,
        uid: toNumber(row.uid),
        modseq: toNumber(row.modseq),
        uidvalidity: toNumber(row.uidvalidity),
        informationStoreId: row.information_store_id,
      };
    }
    return out;
  }

  /**
   * The message an earlier delivery with this key stored (wherever it is now, expunged or not), or null.
   * A retry after a crash between the store's commit and the queue's finds it here.
   */
  async findByDeliveryKey(manager: EntityManager, deliveryKey: string): Promise<DeliveredRow | null> {
    const rows = await manager.query<Array<{ id: string; folder_id: string; uid: string }>>(
      `SELECT id, folder_id, uid FROM message WHERE delivery_key = $1`,
      [deliveryKey],
    );
    const row = rows[0];
    return row ? { messageId: row.id, folderId: row.folder_id, uid: toNumber(row.uid) } : null;
  }

  async listByFolder(manager: EntityManager, folderId: string): Promise<MessageListItem[]> {
    const rows = await manager.query<ListRow[]>(
      `SELECT id, uid, modseq, flags, internal_date, size, blob_sha256, subject, from_address, message_id
         FROM message WHERE folder_id = $1 AND deleted_at IS NULL ORDER BY uid`,
      [folderId],
    );
    return rows.map((r) => ({
      id: r.id,
      uid: toNumber(r.uid),
      modseq: toNumber(r.modseq),
      flags: r.flags,
      internalDate: r.internal_date,
      size: r.size,
      sha256: r.blob_sha256,
      subject: r.subject,
      from: r.from_address,
      messageId: r.message_id,
    }));
  }

  /** Live messages of a folder, in UID order, with their blobs: what a download (POP3) needs and no more. */
  async listBlobsByFolder(manager: EntityManager, folderId: string): Promise<DownloadItem[]> {
    const rows = await manager.query<Array<{ id: string; uid: string; size: number; blob_sha256: string }>>(
      `SELECT id, uid, size, blob_sha256 FROM message WHERE folder_id = $1 AND deleted_at IS NULL ORDER BY uid`,
      [folderId],
    );
    return rows.map((r) => ({ id: r.id, uid: toNumber(r.uid), size: r.size, sha256: r.blob_sha256 }));
  }

  /** UIDs of live messages matching a full-text query over sender, recipients, subject and body. */
  async searchText(manager: EntityManager, folderId: string, text: string): Promise<number[]> {
    const rows = await manager.query<Array<{ uid: string }>>(
      `SELECT uid FROM message
        WHERE folder_id = $1 AND deleted_at IS NULL AND ${searchMatches('message', `plainto_tsquery('simple', $2)`)}
        ORDER BY uid`,
      [folderId, text],
    );
    return rows.map((r) => toNumber(r.uid));
  }

  /**
   * Flag changes of several folders in one statement, each as changeFlagsAtomically makes it alone: its
   * folder's next MODSEQ, the messages of its set whose flags differ, the journal, one announcement per
   * folder that changed. The folders must be distinct (one MODSEQ each; the caller runs a second change of
   * a folder after). Answers in the order asked; null for a change whose folder is missing or dismounted.
   * Atomic: on an error nothing is written (the caller then runs them one by one).
   */
  async changeFlagsMany(
    manager: EntityManager,
    requests: readonly FlagChangeRequest[],
  ): Promise<Array<FlagChangeResult | null>> {
    const input = requests.map((r, ord) => ({
      ord,
      folder_id: r.folderId,
      uids: r.uids,
      op: r.operation,
      flags: r.flags,
      since: r.unchangedSince,
    }));
    const rows = await manager.query<
      Array<{
        ord: number;
        next: string;
        uid: string | null;
        flags: string[] | null;
        modseq: string | null;
        changed: boolean;
      }>
    >(
      `WITH input AS (
         SELECT r.* FROM jsonb_to_recordset($1::jsonb) AS r(ord int, folder_id uuid, uids bigint[], op text, flags text[],
                since bigint)),
       alloc AS (
         UPDATE folder f SET highest_modseq = f.highest_modseq + 1, updated_at = now()
           FROM input i, mailbox mb JOIN information_store s ON s.id = mb.information_store_id
          WHERE f.id = i.folder_id AND f.id = ANY(ARRAY(SELECT folder_id FROM input)) AND mb.id = f.mailbox_id
            AND s.mounted
          RETURNING i.ord, f.highest_modseq AS next),
       -- Each change's live messages by index (a lateral look-up per change, OFFSET 0 so that it is not
       -- flattened: joined as a set, the generic plan read the whole message table), then updated by id
       -- (= ANY, an index scan); the tests run again on the row being updated, as in the single statement.
       targets AS (
         SELECT i.ord, a.next, i.op, i.flags, i.since, t.id
           FROM input i JOIN alloc a ON a.ord = i.ord
           CROSS JOIN LATERAL (SELECT m.id FROM message m
                                WHERE m.folder_id = i.folder_id AND m.uid = ANY(i.uids) AND m.deleted_at IS NULL
                               OFFSET 0) t),
       changed AS (
         UPDATE message m
            SET flags = ${byOperation('t.op', 'set', 't.flags')}, modseq = t.next
           FROM targets t
          WHERE m.id = t.id AND m.id = ANY(ARRAY(SELECT id FROM targets)) AND m.deleted_at IS NULL
            AND ${byOperation('t.op', 'when', 't.flags')}
            AND (t.since IS NULL OR m.modseq <= t.since)
          RETURNING t.ord, m.folder_id, m.uid, m.flags, m.modseq),
       journal AS (INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT folder_id, modseq, 'flags', uid FROM changed),
       notified AS (
         SELECT count(pg_notify($2, folder_id::text || ':' || modseq::text)) AS n
           FROM (SELECT DISTINCT folder_id, modseq FROM changed) c)
       SELECT a.ord, a.next, m.uid, COALESCE(c.flags, m.flags) AS flags, COALESCE(c.modseq, m.modseq) AS modseq,
              c.uid IS NOT NULL AS changed, (SELECT n FROM notified) AS notified
         FROM alloc a JOIN input i ON i.ord = a.ord
         LEFT JOIN LATERAL (SELECT m.uid, m.flags, m.modseq FROM message m
                             WHERE m.folder_id = i.folder_id AND m.uid = ANY(i.uids) AND m.deleted_at IS NULL
                            OFFSET 0) m ON true
         LEFT JOIN changed c ON c.ord = a.ord AND c.uid = m.uid
        ORDER BY a.ord, m.uid`,
      [JSON.stringify(input), STORE_CHANNEL],
    );
    const out: Array<FlagChangeResult | null> = requests.map(() => null);
    for (const row of rows) {
      const ord = Number(row.ord);
      const result = (out[ord] ??= { modseq: toNumber(row.next), rows: [] });
      if (row.uid !== null)
        result.rows.push({
          uid: toNumber(row.uid),
          flags: row.flags ?? [],
          modseq: toNumber(row.modseq as string),
          changed: row.changed,
        });
    }
    return out;
  }

  /**
   * A flag change as one statement, so it needs no explicit transaction: it takes the folder's next MODSEQ
   * (only when its store is mounted), changes the messages of the set whose flags differ (and whose MODSEQ
   * is at most `unchangedSince` when given, RFC 7162), journals them and notifies once. Answers every live
   * message of the set with its flags after the change; no row at all when the folder is missing or its
   * store dismounted (the caller then says which).
   */
  async changeFlagsAtomically(
    manager: EntityManager,
    folderId: string,
    uids: readonly number[],
    operation: FlagOperation,
    flags: readonly string[],
    unchangedSince: number | null,
  ): Promise<{
    modseq: number;
    rows: Array<{ uid: number; flags: string[]; modseq: number; changed: boolean }>;
  } | null> {
    const { set, when } = flagChange(`$4::text[]`)[operation];
    const rows = await manager.query<
      Array<{ next: string; uid: string | null; flags: string[] | null; modseq: string | null; changed: boolean }>
    >(
      `WITH alloc AS (
         UPDATE folder f SET highest_modseq = f.highest_modseq + 1, updated_at = now()
           FROM mailbox mb JOIN information_store s ON s.id = mb.information_store_id
          WHERE f.id = $1 AND mb.id = f.mailbox_id AND s.mounted
          RETURNING f.highest_modseq AS next),
       changed AS (
         UPDATE message m SET flags = ${set}, modseq = (SELECT next FROM alloc)
          WHERE m.folder_id = $1 AND m.uid = ANY($2::bigint[]) AND m.deleted_at IS NULL AND ${when}
            AND ($3::bigint IS NULL OR m.modseq <= $3::bigint) AND EXISTS (SELECT 1 FROM alloc)
          RETURNING m.uid, m.flags, m.modseq),
       journal AS (INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT $1, modseq, 'flags', uid FROM changed)
       SELECT a.next, m.uid, COALESCE(c.flags, m.flags) AS flags, COALESCE(c.modseq, m.modseq) AS modseq,
              c.uid IS NOT NULL AS changed,
              (SELECT count(*) FROM (SELECT pg_notify($5, $1::text || ':' || a.next)
                                       WHERE EXISTS (SELECT 1 FROM changed)) n) AS notified
         FROM alloc a
         LEFT JOIN message m ON m.folder_id = $1 AND m.uid = ANY($2::bigint[]) AND m.deleted_at IS NULL
         LEFT JOIN changed c ON c.uid = m.uid
        ORDER BY m.uid`,
      [folderId, uids, unchangedSince, flags, STORE_CHANNEL],
    );
    if (rows.length === 0) return null;
    return {
      modseq: toNumber(rows[0].next),
      rows: rows
        .filter((r) => r.uid !== null)
        .map((r) => ({
          uid: toNumber(r.uid as string),
          flags: r.flags ?? [],
          modseq: toNumber(r.modseq as string),
          changed: r.changed,
        })),
    };
  }

  /**
   * Expunges (soft delete): the rows stay, with deleted_at, for the store's deleted item retention. With
   * `uids` null every message flagged \Deleted goes; otherwise only those of the set that are flagged,
   * or all of the set when `flagged` is 'any' (POP3 DELE, which marks in the session, not in the store).
   * One statement also journals the expunges, takes them off the folder's counters and announces the
   * MODSEQ (at commit): the caller holds the folder row locked (allocateIfMounted) in its transaction.
   */
  async softDelete(
    manager: EntityManager,
    folderId: string,
    uids: readonly number[] | null,
    modseq: number,
    now: Date,
    flagged: 'deleted' | 'any' = 'deleted',
  ): Promise<Array<{ uid: number; size: number }>> {
    // Two statement texts, not "($2 IS NULL OR uid = ANY($2))": a prepared statement's generic plan could
    // then never look the UIDs up by index and read every live message of the folder (POP3 QUIT, UID EXPUNGE).
    const which = uids === null ? '' : 'AND uid = ANY($6::bigint[])';
    const rows = await manager.query<Array<{ uid: string; size: number }>>(
      `WITH gone AS (
         UPDATE message SET deleted_at = $3, modseq = $2
          WHERE folder_id = $1 AND deleted_at IS NULL AND ($4 OR '\\Deleted' = ANY(flags)) ${which}
          RETURNING uid, size),
       journal AS (INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT $1, $2, 'expunge', uid FROM gone),
       counters AS (
         UPDATE folder SET message_count = message_count - (SELECT count(*) FROM gone),
                size_bytes = size_bytes - (SELECT sum(size) FROM gone)
          WHERE id = $1 AND EXISTS (SELECT 1 FROM gone))
       SELECT uid, size, (SELECT count(*) FROM (SELECT pg_notify($5, $1::text || ':' || $2::text)
                                                  WHERE EXISTS (SELECT 1 FROM gone)) n) AS notified
         FROM gone ORDER BY uid`,
      [folderId, modseq, now, flagged === 'any' && uids !== null, STORE_CHANNEL, ...(uids === null ? [] : [uids])],
    );
    return rows.map((r) => ({ uid: toNumber(r.uid), size: r.size }));
  }

  /**
   * EXPUNGE of every message flagged \Deleted as one statement: the folder row lock (taken first, as
   * everywhere else, and only on a mounted store), the messages, a MODSEQ, the counters, the journal and
   * the announcement. Null when the folder is missing or its store dismounted (nothing written).
   */
  async expungeFlagged(
    manager: EntityManager,
    folderId: string,
    now: Date,
  ): Promise<{ modseq: number; uids: number[] } | null> {
    const rows = await manager.query<Array<{ modseq: string; uid: string | null }>>(
      `WITH locked AS (
         SELECT f.id FROM folder f JOIN mailbox mb ON mb.id = f.mailbox_id
           JOIN information_store s ON s.id = mb.information_store_id
          WHERE f.id = $1 AND s.mounted FOR UPDATE OF f),
       doomed AS (
         SELECT uid, size FROM message
          WHERE folder_id = $1 AND deleted_at IS NULL AND '\\Deleted' = ANY(flags) AND EXISTS (SELECT 1 FROM locked)
          FOR UPDATE),
       alloc AS (
         UPDATE folder f SET highest_modseq = f.highest_modseq + 1, updated_at = now(),
                message_count = f.message_count - (SELECT count(*) FROM doomed),
                size_bytes = f.size_bytes - (SELECT COALESCE(sum(size), 0) FROM doomed)
          WHERE f.id = (SELECT id FROM locked)
          RETURNING f.highest_modseq AS modseq),
       gone AS (
         UPDATE message m SET deleted_at = $2, modseq = (SELECT modseq FROM alloc)
           FROM doomed d WHERE m.folder_id = $1 AND m.uid = d.uid
          RETURNING m.uid),
       journal AS (
         INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT $1, (SELECT modseq FROM alloc), 'expunge', uid FROM gone)
       SELECT a.modseq, g.uid,
              (SELECT count(*) FROM (SELECT pg_notify($3, $1::text || ':' || a.modseq::text)
                                      WHERE EXISTS (SELECT 1 FROM gone)) n) AS notified
         FROM alloc a LEFT JOIN gone g ON true ORDER BY g.uid`,
      [folderId, now, STORE_CHANNEL],
    );
    if (rows.length === 0) return null;
    return {
      modseq: toNumber(rows[0].modseq),
      uids: rows.filter((r) => r.uid !== null).map((r) => toNumber(r.uid as string)),
    };
  }

  /**
   * EXPUNGE of several folders in one statement, each as expungeFlagged makes it alone (its folder row
   * locked, its \Deleted messages, a MODSEQ, the counters, the journal, one announcement when something
   * went). The folders must be distinct. Answers in the order asked; null for a folder missing or
   * dismounted. Atomic: on an error (a deadlock with another process, say) nothing is written.
   */
  async expungeFlaggedMany(
    manager: EntityManager,
    requests: ReadonlyArray<{ folderId: string; now: Date }>,
  ): Promise<Array<{ modseq: number; uids: number[] } | null>> {
    const input = requests.map((r, ord) => ({ ord, folder_id: r.folderId, now: r.now }));
    const rows = await manager.query<Array<{ ord: number; modseq: string; uid: string | null }>>(
      // Lateral look-ups with OFFSET 0 and updates by id (= ANY): see changeFlagsMany.
      `WITH input AS (SELECT r.* FROM jsonb_to_recordset($1::jsonb) AS r(ord int, folder_id uuid, now timestamptz)),
       locked AS (
         SELECT i.ord, i.now, l.id
           FROM input i CROSS JOIN LATERAL (
             SELECT f.id FROM folder f JOIN mailbox mb ON mb.id = f.mailbox_id
               JOIN information_store s ON s.id = mb.information_store_id
              WHERE f.id = i.folder_id AND s.mounted OFFSET 0 FOR UPDATE OF f) l),
       doomed AS (
         SELECT l.ord, d.id, d.size
           FROM locked l CROSS JOIN LATERAL (
             SELECT id, size FROM message
              WHERE folder_id = l.id AND deleted_at IS NULL AND '\\Deleted' = ANY(flags) OFFSET 0 FOR UPDATE) d),
       alloc AS (
         UPDATE folder f SET highest_modseq = f.highest_modseq + 1, updated_at = now(),
                message_count = f.message_count - COALESCE(g.n, 0), size_bytes = f.size_bytes - COALESCE(g.bytes, 0)
           FROM locked l LEFT JOIN (SELECT ord, count(*) AS n, sum(size) AS bytes FROM doomed GROUP BY ord) g ON g.ord = l.ord
          WHERE f.id = l.id AND f.id = ANY(ARRAY(SELECT id FROM locked))
          RETURNING l.ord, l.now, f.id AS folder_id, f.highest_modseq AS modseq),
       gone AS (
         UPDATE message m SET deleted_at = a.now, modseq = a.modseq
           FROM doomed d JOIN alloc a ON a.ord = d.ord
          WHERE m.id = d.id AND m.id = ANY(ARRAY(SELECT id FROM doomed))
          RETURNING a.ord, m.folder_id, m.uid, m.modseq),
       journal AS (INSERT INTO folder_change (folder_id, modseq, kind, uid) SELECT folder_id, modseq, 'expunge', uid FROM gone),
       notified AS (
         SELECT count(pg_notify($2, folder_id::text || ':' || modseq::text)) AS n
           FROM (SELECT DISTINCT folder_id, modseq FROM gone) c)
       SELECT a.ord, a.modseq, g.uid, (SELECT n FROM notified) AS notified
         FROM alloc a LEFT JOIN gone g ON g.ord = a.ord ORDER BY a.ord, g.uid`,
      [JSON.stringify(input), STORE_CHANNEL],
    );
    const out: Array<{ modseq: number; uids: number[] } | null> = requests.map(() => null);
    for (const row of rows) {
      const result = (out[Number(row.ord)] ??= { modseq: toNumber(row.modseq), uids: [] });
      if (row.uid !== null) result.uids.push(toNumber(row.uid));
    }
    return out;
  }

  /** Live messages of a folder among `uids` (null: all of them), in UID order, with what a move or copy needs. */
  async findLive(
    manager: EntityManager,
    folderId: string,
    uids: readonly number[] | null,
  ): Promise<Array<{ id: string; uid: number; size: number; sha256: string; storeId: string }>> {
    const rows = await manager.query<
      Array<{ id: string; uid: string; size: number; blob_sha256: string; information_store_id: string }>
    >(
      // Two statement texts, as in softDelete: a generic plan could not look the UIDs up by index.
      `SELECT id, uid, size, blob_sha256, information_store_id FROM message
        WHERE folder_id = $1 ${uids === null ? '' : 'AND uid = ANY($2::bigint[])'} AND deleted_at IS NULL
        ORDER BY uid`,
      uids === null ? [folderId] : [folderId, uids],
    );
    return rows.map((r) => ({
      id: r.id,
      uid: toNumber(r.uid),
      size: r.size,
      sha256: r.blob_sha256,
      storeId: r.information_store_id,
    }));
  }

  /** Moves rows in place (RFC 6851 MOVE): new UIDs in the target, same message ids and blobs. */
  async moveRows(
    manager: EntityManager,
    ids: readonly string[],
    targetFolderId: string,
    firstUid: number,
    modseq: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE message m SET folder_id = $2, uid = $3 + o.n - 1, modseq = $4
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n) WHERE m.id = o.id`,
      [ids, targetFolderId, firstUid, modseq],
    );
  }

  /** Copies rows (RFC 3501 COPY): new rows and UIDs pointing at the same blobs, flags kept. */
  async copyRows(
    manager: EntityManager,
    ids: readonly string[],
    targetFolderId: string,
    firstUid: number,
    modseq: number,
  ): Promise<void> {
    // The copies' full-text rows follow theirs: each copy is found by its source's position in `ids`.
    await manager.query(
      `WITH copied AS (
         INSERT INTO message (folder_id, uid, modseq, flags, internal_date, size, information_store_id, blob_sha256,
           message_id, subject, from_address, to_addresses, cc_addresses, sent_at, in_reply_to, message_references,
           envelope, body_structure)
         SELECT $2, $3 + o.n - 1, $4, m.flags, m.internal_date, m.size, m.information_store_id, m.blob_sha256,
           m.message_id, m.subject, m.from_address, m.to_addresses, m.cc_addresses, m.sent_at, m.in_reply_to,
           m.message_references, m.envelope, m.body_structure
           FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n) JOIN message m ON m.id = o.id
         RETURNING id, uid)
       INSERT INTO message_fulltext (message_id, search_text, search_vector)
         SELECT c.id, t.search_text, t.search_vector
           FROM copied c JOIN unnest($1::uuid[]) WITH ORDINALITY AS o(id, n) ON c.uid = $3 + o.n - 1
           JOIN message_fulltext t ON t.message_id = o.id`,
      [ids, targetFolderId, firstUid, modseq],
    );
  }

  /**
   * Hard-deletes up to `limit` messages expunged before their store's retention ended, and returns the blob
   * references they held, counted per blob.
   */
  async deleteExpired(
    manager: EntityManager,
    now: Date,
    limit: number,
  ): Promise<Array<{ storeId: string; sha256: string; count: number }>> {
    const rows = await manager.query<Array<{ information_store_id: string; blob_sha256: string; n: string }>>(
      `WITH victims AS (
         SELECT m.id FROM message m JOIN information_store s ON s.id = m.information_store_id
          WHERE m.deleted_at IS NOT NULL AND m.deleted_at <= $1::timestamptz - make_interval(days => s.deleted_item_retention_days)
          ORDER BY m.deleted_at LIMIT $2 FOR UPDATE OF m SKIP LOCKED),
       gone AS (DELETE FROM message m USING victims v WHERE m.id = v.id RETURNING m.information_store_id, m.blob_sha256)
       SELECT information_store_id, blob_sha256, count(*) AS n FROM gone GROUP BY 1, 2`,
      [now, limit],
    );
    return rows.map((r) => ({ storeId: r.information_store_id, sha256: r.blob_sha256, count: toNumber(r.n) }));
  }

  /** Hard-deletes every message of some folders (folder deletion, mailbox purge); returns blob references. */
  async deleteInFolders(
    manager: EntityManager,
    folderIds: readonly string[],
  ): Promise<Array<{ storeId: string; sha256: string; count: number }>> {
    const rows = await manager.query<Array<{ information_store_id: string; blob_sha256: string; n: string }>>(
      `WITH gone AS (DELETE FROM message WHERE folder_id = ANY($1::uuid[]) RETURNING information_store_id, blob_sha256)
       SELECT information_store_id, blob_sha256, count(*) AS n FROM gone GROUP BY 1, 2`,
      [folderIds],
    );
    return rows.map((r) => ({ storeId: r.information_store_id, sha256: r.blob_sha256, count: toNumber(r.n) }));
  }
}
