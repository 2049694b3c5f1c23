import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NextHopKind, QueueItemState, RouteTarget } from '../routing/next-hop';
import { returnedRows } from './query-rows';
import { SqlParams, type StatementParts } from './sql-parts';
import {
  FINAL_STATES,
  type ItemOutcome,
  type NewQueueItem,
  type NewQueuedMessage,
  type QueuedMessage,
  type QueueItem,
} from './queue.model';

const MESSAGE_COLUMNS = `
  id, blob_sha256 AS "blobSha256", size::float8 AS size, mail_from AS "mailFrom",
  dsn_envelope_id AS "dsnEnvelopeId", dsn_ret AS "dsnRet", authenticated_recipient_id AS "authenticatedRecipientId",
  entry_point AS "entryPoint", client_address AS "clientAddress", client_hostname AS "clientHostname",
  helo_name AS "heloName", message_id_header AS "messageIdHeader", subject, hop_count AS "hopCount",
  is_report AS "isReport", received_at AS "receivedAt", received_by AS "receivedBy", state, frozen,
  next_attempt_at AS "nextAttemptAt", attempts, last_error AS "lastError"`;

const ITEM_COLUMNS = `
  id::text AS id, message_id AS "messageId", recipient, envelope_recipient AS "envelopeRecipient",
  original_recipient AS "originalRecipient", notify, recipient_id AS "recipientId", state, frozen,
  next_hop AS "nextHop", next_hop_kind AS "nextHopKind", route, attempts, next_attempt_at AS "nextAttemptAt",
  expires_at AS "expiresAt", delay_notify_at AS "delayNotifyAt", delay_notified AS "delayNotified", status,
  diagnostic, remote_mta AS "remoteMta", report_pending AS "reportPending", finished_at AS "finishedAt", in_doubt AS "inDoubt",
  locked_by AS "lockedBy"`;

function prefixed(columns: string, alias: string): string {
  return columns.replace(/(^|,)\s*([a-z_]+)/g, (_m, sep: string, col: string) => `${sep} ${alias}.${col}`);
}

/** A queued message a statement deleted: its blob, and how many other queued messages use that blob. */
interface DeletedRow {
  id: string;
  blob: string;
  others: number;
}

/** Each deleted message with its blob when nothing else uses it, the blob given once (to the first). */
function withOrphanBlobs(rows: readonly DeletedRow[]): Map<string, string | null> {
  const gone = new Map<string, string | null>();
  const orphans = new Set<string>();
  for (const row of rows) {
    const orphan = Number(row.others) === 0 && !orphans.has(row.blob);
    if (orphan) orphans.add(row.blob);
    gone.set(row.id, orphan ? row.blob : null);
  }
  return gone;
}

const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const dateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : date(value));

function toMessage(row: Record<string, unknown>): QueuedMessage {
  return {
    ...(row as unknown as QueuedMessage),
    size: Number(row['size']),
    hopCount: Number(row['hopCount']),
    attempts: Number(row['attempts']),
    receivedAt: date(row['receivedAt']),
    nextAttemptAt: date(row['nextAttemptAt']),
  };
}

function toItem(row: Record<string, unknown>): QueueItem {
  const route = row['route'];
  return {
    ...(row as unknown as QueueItem),
    id: String(row['id']),
    attempts: Number(row['attempts']),
    route: (typeof route === 'string' ? JSON.parse(route) : route) as RouteTarget | null,
    nextAttemptAt: date(row['nextAttemptAt']),
    expiresAt: date(row['expiresAt']),
    delayNotifyAt: date(row['delayNotifyAt']),
    finishedAt: dateOrNull(row['finishedAt']),
  };
}

/** A page of a link queue's content, for Queue Viewer. */
export interface QueueSummaryRow {
  queue: string;
  kind: NextHopKind | 'submission';
  messages: number;
  recipients: number;
  active: number;
  frozen: number;
  due: number;
  oldest: Date | null;
  nextAttempt: Date | null;
  lastError: string | null;
}

/**
 * All SQL of the queues. A message is worked on by the server that received it (`owner`, its name in
 * lower case): its bytes are in that server's blob store. Processes of the same server share the work. Every transaction that changes the copies of a message first locks its
 * queued_message row (claims skip a locked one), so claims, outcomes, reports and administrator
 * actions never wait on each other in a cycle.
 */
@Injectable()
export class QueueRepository {
  private async returning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
    return returnedRows<T>(await manager.query(sql, params));
  }

  /** The INSERT of queued messages, as a part of a statement. */
  private insertMessagesSql(p: SqlParams, messages: readonly NewQueuedMessage[]): string {
    return p.insert('queued_message', messages, [
      ['id', 'text', (m) => m.id],
      ['blob_sha256', 'text', (m) => m.blobSha256],
      ['size', 'bigint', (m) => m.size],
      ['mail_from', 'text', (m) => m.mailFrom],
      ['dsn_envelope_id', 'text', (m) => m.dsnEnvelopeId],
      ['dsn_ret', 'text', (m) => m.dsnRet],
      ['authenticated_recipient_id', 'uuid', (m) => m.authenticatedRecipientId],
      ['entry_point', 'text', (m) => m.entryPoint],
      ['client_address', 'text', (m) => m.clientAddress],
      ['client_hostname', 'text', (m) => m.clientHostname],
      ['helo_name', 'text', (m) => m.heloName],
      ['message_id_header', 'text', (m) => m.messageIdHeader],
      ['subject', 'text', (m) => m.subject],
      ['hop_count', 'int', (m) => m.hopCount],
      ['is_report', 'boolean', (m) => m.isReport],
      ['received_at', 'timestamptz', (m) => m.receivedAt],
      ['received_by', 'text', (m) => m.receivedBy],
      ['state', 'text', () => 'categorize'],
      ['next_attempt_at', 'timestamptz', (m) => m.nextAttemptAt],
    ]);
  }

  /**
   * The INSERT of queue items, as a part of a statement; with `where`, only the rows passing it (SQL on
   * `v.message_id`, say the messages another part of the statement updated).
   */
  private insertItemsSql(p: SqlParams, items: readonly NewQueueItem[], where?: string): string {
    return p.insert(
      'queue_item',
      items,
      [
        ['message_id', 'text', (i) => i.messageId],
        ['recipient', 'text', (i) => i.recipient],
        ['envelope_recipient', 'text', (i) => i.envelopeRecipient],
        ['original_recipient', 'text', (i) => i.originalRecipient],
        ['notify', 'text', (i) => i.notify],
        ['recipient_id', 'uuid', (i) => i.recipientId],
        ['state', 'text', (i) => i.state],
        ['frozen', 'boolean', (i) => i.frozen ?? false],
        ['next_hop', 'text', (i) => i.nextHop],
        ['next_hop_kind', 'text', (i) => i.nextHopKind],
        ['route', 'text', (i) => (i.route === null ? null : JSON.stringify(i.route)), 'jsonb'],
        ['next_attempt_at', 'timestamptz', (i) => i.nextAttemptAt],
        ['expires_at', 'timestamptz', (i) => i.expiresAt],
        ['delay_notify_at', 'timestamptz', (i) => i.delayNotifyAt],
        ['delay_notified', 'boolean', (i) => i.delayNotified],
        ['status', 'text', (i) => i.status],
        ['diagnostic', 'text', (i) => i.diagnostic],
        ['report_pending', 'boolean', (i) => i.reportPending],
        ['finished_at', 'timestamptz', (i) => i.finishedAt],
      ],
      where,
    );
  }

  /**
   * Work a process held when it stopped is free again at once when it starts (its leases would
   * expire anyway). Copies it held are in doubt: a delivery may have completed just before it stopped.
   */
  async releaseLocksOf(manager: EntityManager, owner: string): Promise<void> {
    await manager.query(`UPDATE queued_message SET locked_by = NULL, locked_until = NULL WHERE locked_by = $1`, [
      owner,
    ]);
    await manager.query(
      `UPDATE queue_item SET locked_by = NULL, locked_until = NULL, in_doubt = true WHERE locked_by = $1`,
      [owner],
    );
  }

  /** Messages waiting for the categorizer, leased to `owner`. */
  async claimForCategorization(
    manager: EntityManager,
    owner: string,
    now: Date,
    until: Date,
    limit: number,
  ): Promise<QueuedMessage[]> {
    const rows = await this.returning<Record<string, unknown>>(
      manager,
      `UPDATE queued_message SET locked_by = $1, locked_until = $2
        WHERE id IN (SELECT id FROM queued_message
                      WHERE state = 'categorize' AND NOT frozen AND next_attempt_at <= $3
                        AND (locked_until IS NULL OR locked_until < $3) AND lower(received_by) = $1
                      ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING ${MESSAGE_COLUMNS}`,
      [owner, until, now, limit],
    );
    return rows.map(toMessage);
  }

  /** Locks a message row for the rest of the transaction; false when it is gone or (with `owner`) leased to someone else. */
  async lockMessage(manager: EntityManager, id: string, owner?: string): Promise<QueuedMessage | null> {
    const rows = await manager.query<Array<Record<string, unknown>>>(
      `SELECT ${MESSAGE_COLUMNS} FROM queued_message WHERE id = $1 ${owner ? 'AND locked_by = $2' : ''} FOR UPDATE`,
      owner ? [id, owner] : [id],
    );
    return rows[0] ? toMessage(rows[0]) : null;
  }

  async findMessage(manager: EntityManager, id: string): Promise<QueuedMessage | null> {
    return (await this.findMessages(manager, [id])).get(id) ?? null;
  }

  /** Several messages in one read (the messages of one round of delivery claims), by id. */
  async findMessages(manager: EntityManager, ids: readonly string[]): Promise<Map<string, QueuedMessage>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<Array<Record<string, unknown>>>(
      `SELECT ${MESSAGE_COLUMNS} FROM queued_message WHERE id = ANY($1::varchar[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row['id'] as string, toMessage(row)]));
  }

  async itemsOf(manager: EntityManager, messageId: string): Promise<QueueItem[]> {
    const rows = await manager.query<Array<Record<string, unknown>>>(
      `SELECT ${ITEM_COLUMNS} FROM queue_item WHERE message_id = $1 ORDER BY id`,
      [messageId],
    );
    return rows.map(toItem);
  }

  async itemsOfMessages(manager: EntityManager, messageIds: readonly string[]): Promise<QueueItem[]> {
    if (messageIds.length === 0) return [];
    const rows = await manager.query<Array<Record<string, unknown>>>(
      `SELECT ${ITEM_COLUMNS} FROM queue_item WHERE message_id = ANY($1::varchar[]) ORDER BY id`,
      [messageIds],
    );
    return rows.map(toItem);
  }

  /**
   * The categorizer's results replace the envelope recipients of messages with their routed copies, for the
   * messages still leased to `owner`, in one statement (atomic without a transaction): each message row is
   * locked by its UPDATE before its copies change. `also` adds parts to the statement (tracking events, a
   * NOTIFY) given the name of the set of completed message ids (`done`, a column `id`). Returns the ids it
   * completed: a message whose lease was lost is left to whoever holds it now.
   */
  async completeCategorizations(
    manager: EntityManager,
    owner: string,
    results: ReadonlyArray<{ messageId: string; items: readonly NewQueueItem[] }>,
    also: StatementParts = () => ({ parts: [] }),
  ): Promise<Set<string>> {
    if (results.length === 0) return new Set();
    const p = new SqlParams();
    const ids = p.add(
      results.map((r) => r.messageId),
      'text[]',
    );
    const items = this.insertItemsSql(
      p,
      results.flatMap((r) => r.items),
      'v.message_id IN (SELECT id FROM done)',
    );
    const more = also(p);
    const rows = await manager.query<Array<{ id: string }>>(
      `WITH done AS (
         UPDATE queued_message SET state = 'routed', locked_by = NULL, locked_until = NULL, last_error = NULL
          WHERE id = ANY(${ids}) AND locked_by = ${p.add(owner, 'text')}
          RETURNING id),
       pending AS (DELETE FROM queue_item q USING done WHERE q.message_id = done.id AND q.state = 'pending'),
       copies AS (${items})
       ${more.parts.map((part, i) => `, more${i} AS (${part})`).join('')}
       SELECT id${more.select ? `, ${more.select}` : ''} FROM done`,
      p.values,
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Enqueues messages with their pending copies in one statement (atomic without a transaction); `also`
   * adds parts as for completeCategorizations, and `select` what the statement returns.
   */
  async enqueue(
    manager: EntityManager,
    messages: readonly NewQueuedMessage[],
    items: readonly NewQueueItem[],
    also: StatementParts = () => ({ parts: [] }),
  ): Promise<void> {
    const p = new SqlParams();
    const parts = [this.insertMessagesSql(p, messages), this.insertItemsSql(p, items)];
    const more = also(p);
    await manager.query(
      `WITH ${[...parts, ...more.parts].map((part, i) => `part${i} AS (${part})`).join(', ')}
       SELECT ${more.select ?? '1'}`,
      p.values,
    );
  }

  /** The categorizer could not finish (the directory was unreachable): try again later. */
  async deferCategorization(manager: EntityManager, messageId: string, next: Date, error: string): Promise<void> {
    await manager.query(
      `UPDATE queued_message SET locked_by = NULL, locked_until = NULL, next_attempt_at = $2, attempts = attempts + 1,
              last_error = $3
        WHERE id = $1`,
      [messageId, next, error.slice(0, 2000)],
    );
  }

  /**
   * Due copies, leased to `owner`: whole messages at a time (every due copy of each claimed
   * message), so that the copies of one message for one next hop travel in one SMTP transaction.
   */
  async claimDeliveries(
    manager: EntityManager,
    owner: string,
    now: Date,
    until: Date,
    messageLimit: number,
  ): Promise<QueueItem[]> {
    const rows = await this.returning<Record<string, unknown>>(
      manager,
      `WITH due AS (
         SELECT DISTINCT message_id FROM (
           SELECT q.message_id FROM queue_item q
            WHERE q.state IN ('ready', 'retry') AND NOT q.frozen AND q.next_attempt_at <= $1
              AND (q.locked_until IS NULL OR q.locked_until < $1)
              -- A look-up per due copy (a join planned the queue as a nested loop over every message).
              AND (SELECT lower(m.received_by) FROM queued_message m WHERE m.id = q.message_id) = $2
            ORDER BY q.next_attempt_at, q.id LIMIT $4 * 8) d
       ), head AS (
         SELECT m.id FROM queued_message m JOIN due ON due.message_id = m.id
          ORDER BY m.id LIMIT $4 FOR UPDATE OF m SKIP LOCKED
       )
       -- A lease still set belonged to a process that died holding the copy (outcomes clear it).
       UPDATE queue_item q SET locked_by = $2, locked_until = $3, in_doubt = q.in_doubt OR q.locked_until IS NOT NULL
         FROM head
        WHERE q.message_id = head.id AND q.state IN ('ready', 'retry') AND NOT q.frozen AND q.next_attempt_at <= $1
          AND (q.locked_until IS NULL OR q.locked_until < $1)
        RETURNING ${prefixed(ITEM_COLUMNS, 'q')}`,
      [now, owner, until, messageLimit],
    );
    return rows.map(toItem);
  }

  /**
   * The outcomes of copies this owner holds (any copy still open with a null owner: administrators) in one
   * statement, atomic without a transaction: their messages are locked first (in id order, as every change
   * to a message's copies does), the copies written and freed, `also`'s parts added (tracking events keyed
   * by copy, `e.key IN (SELECT id FROM changed)`), and the messages with a final outcome and nothing left to
   * do or report deleted. The delete reads the copies as they were before this statement, so each copy
   * changed here is judged by its new state. `notify` (an expression) is selected once when a copy became
   * ready. Returns the copies changed, in the order asked, and the messages deleted, each with its blob
   * when no other queued message uses it (once per blob).
   */
  async concludeDeliveries(
    manager: EntityManager,
    owner: string | null,
    work: { messageIds: readonly string[]; outcomes: readonly ItemOutcome[]; notify?: string | null },
    also: StatementParts = () => ({ parts: [] }),
  ): Promise<{ changed: string[]; gone: Map<string, string | null> }> {
    const { messageIds, outcomes, notify } = work;
    if (outcomes.length === 0) return { changed: [], gone: new Map() };
    const p = new SqlParams();
    const values = p.rows('v', outcomes, [
      ['id', 'bigint', (o) => o.itemId],
      ['state', 'text', (o) => o.state],
      ['status', 'text', (o) => o.status],
      ['diagnostic', 'text', (o) => (o.diagnostic === null ? null : o.diagnostic.slice(0, 2000))],
      ['remote_mta', 'text', (o) => o.remoteMta ?? null],
      ['next_attempt_at', 'timestamptz', (o) => o.nextAttemptAt ?? null],
      ['attempts', 'int', (o) => o.attempts ?? null],
      ['report_pending', 'boolean', (o) => o.reportPending],
      ['finished_at', 'timestamptz', (o) => o.finishedAt ?? null],
      ['next_hop', 'text', (o) => o.nextHop?.queue ?? null],
      ['next_hop_kind', 'text', (o) => o.nextHop?.kind ?? null],
      ['route', 'text', (o) => (o.nextHop ? JSON.stringify(o.nextHop.route) : null)],
    ]);
    const ids = p.add(messageIds, 'varchar[]');
    const byOwner = p.add(owner, 'text');
    const finals = p.add(FINAL_STATES, 'text[]');
    const more = also(p);
    const rows = await manager.query<
      Array<{ kind: 'changed' | 'notified'; id: string } | (DeletedRow & { kind: 'gone' })>
    >(
      `WITH locked AS (
         SELECT id FROM queued_message WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE),
       changed AS (
         UPDATE queue_item q
            SET state = v.state, status = v.status, diagnostic = v.diagnostic,
                remote_mta = COALESCE(v.remote_mta, q.remote_mta),
                next_attempt_at = COALESCE(v.next_attempt_at, q.next_attempt_at), attempts = COALESCE(v.attempts, q.attempts),
                report_pending = v.report_pending, finished_at = v.finished_at, next_hop = COALESCE(v.next_hop, q.next_hop),
                next_hop_kind = COALESCE(v.next_hop_kind, q.next_hop_kind), route = COALESCE(v.route::jsonb, q.route),
                in_doubt = false, locked_by = NULL, locked_until = NULL
           FROM ${values}
          WHERE q.id = v.id AND q.state IN ('ready', 'retry', 'pending') AND (${byOwner} IS NULL OR q.locked_by = ${byOwner})
            AND q.message_id IN (SELECT id FROM locked)
          RETURNING q.id::text AS id, q.message_id, q.state, q.report_pending),
       gone AS (
         DELETE FROM queued_message m
          WHERE m.id IN (SELECT message_id FROM changed WHERE state = ANY(${finals}))
            AND m.state = 'routed'
            AND NOT EXISTS (SELECT 1 FROM queue_item q LEFT JOIN changed c ON c.id = q.id::text
                             WHERE q.message_id = m.id
                               AND (COALESCE(c.state, q.state) IN ('pending', 'ready', 'retry')
                                    OR COALESCE(c.report_pending, q.report_pending)))
          RETURNING m.id, m.blob_sha256 AS blob)
       ${more.parts.map((part, i) => `, more${i} AS (${part})`).join('')}
       SELECT 'changed' AS kind, id, NULL AS blob, 0 AS others FROM changed
       UNION ALL
       SELECT 'gone', g.id, g.blob,
              (SELECT count(*)::int FROM queued_message q WHERE q.blob_sha256 = g.blob AND q.id NOT IN (SELECT id FROM gone))
         FROM gone g
       ${notify ? `UNION ALL SELECT 'notified', NULL, NULL, 0 FROM (SELECT ${notify} FROM changed WHERE state = 'ready' LIMIT 1) n` : ''}`,
      p.values,
    );
    const changed = new Set(rows.filter((r) => r.kind === 'changed').map((r) => r.id));
    const deleted = rows.filter((r): r is DeletedRow & { kind: 'gone' } => r.kind === 'gone');
    // In the order asked (callers match outcomes to events by position).
    return {
      changed: outcomes.map((o) => o.itemId).filter((id) => changed.has(id)),
      gone: withOrphanBlobs(deleted.sort((a, b) => a.id.localeCompare(b.id))),
    };
  }

  /** Frees copies without an outcome (the process is stopping). */
  async releaseItems(manager: EntityManager, owner: string, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await manager.query(
      `UPDATE queue_item SET locked_by = NULL, locked_until = NULL WHERE id = ANY($1::bigint[]) AND locked_by = $2`,
      [itemIds, owner],
    );
  }

  /**
   * Routed messages with something to report: final outcomes not yet reported or delay notifications due,
   * both found through partial indexes of the copies. With `finished` also those whose copies are all
   * finished (left behind when a process stopped between a report and its delete): that part reads every
   * routed message, so the caller asks for it rarely. Leased to `owner`.
   */
  async claimForReport(
    manager: EntityManager,
    owner: string,
    now: Date,
    until: Date,
    limit: number,
    finished = true,
  ): Promise<string[]> {
    const leftOver = finished
      ? `UNION ALL
         SELECT m.id FROM queued_message m
          WHERE m.state = 'routed' AND NOT EXISTS (SELECT 1 FROM queue_item q WHERE q.message_id = m.id
                                                     AND q.state IN ('pending', 'ready', 'retry'))`
      : '';
    const rows = await this.returning<{ id: string }>(
      manager,
      `UPDATE queued_message SET locked_by = $1, locked_until = $2
        WHERE id IN (
          SELECT m.id FROM queued_message m
           WHERE m.id IN (
                   SELECT q.message_id FROM queue_item q WHERE q.report_pending
                   UNION ALL
                   SELECT q.message_id FROM queue_item q
                    WHERE q.state = 'retry' AND NOT q.delay_notified AND q.delay_notify_at <= $3
                   ${leftOver})
             AND m.state = 'routed' AND (m.locked_until IS NULL OR m.locked_until < $3) AND lower(m.received_by) = $1
           ORDER BY m.id LIMIT $4 FOR UPDATE OF m SKIP LOCKED)
        RETURNING id`,
      [owner, until, now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Leases one message for its report; false when it is leased elsewhere or gone. */
  async claimMessage(manager: EntityManager, id: string, owner: string, now: Date, until: Date): Promise<boolean> {
    const rows = await this.returning<{ id: string }>(
      manager,
      `UPDATE queued_message SET locked_by = $2, locked_until = $3
        WHERE id = (SELECT id FROM queued_message WHERE id = $1 AND (locked_until IS NULL OR locked_until < $4)
                     FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [id, owner, until, now],
    );
    return rows.length > 0;
  }

  async releaseMessage(manager: EntityManager, id: string, owner: string): Promise<void> {
    await manager.query(
      `UPDATE queued_message SET locked_by = NULL, locked_until = NULL WHERE id = $1 AND locked_by = $2`,
      [id, owner],
    );
  }

  async markReported(manager: EntityManager, itemIds: readonly string[], delayIds: readonly string[]): Promise<void> {
    if (itemIds.length > 0)
      await manager.query(`UPDATE queue_item SET report_pending = false WHERE id = ANY($1::bigint[])`, [itemIds]);
    if (delayIds.length > 0)
      await manager.query(`UPDATE queue_item SET delay_notified = true WHERE id = ANY($1::bigint[])`, [delayIds]);
  }

  /** Deletes a message whose copies are all final and reported; returns its blob when no other message uses it. */
  async deleteIfDone(manager: EntityManager, id: string): Promise<{ deleted: boolean; orphanBlob: string | null }> {
    const gone = await this.deleteDone(manager, [id]);
    return gone.has(id) ? { deleted: true, orphanBlob: gone.get(id) ?? null } : { deleted: false, orphanBlob: null };
  }

  /**
   * Deletes those of these messages whose copies are all final and reported, in one statement. Returns the
   * deleted ones, each with its blob when no queued message uses it any more (once per blob).
   */
  async deleteDone(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    // The count reads the snapshot from before the delete, so the deleted rows are left out by id.
    const rows = await manager.query<DeletedRow[]>(
      `WITH gone AS (
         DELETE FROM queued_message m
          WHERE m.id = ANY($1::varchar[]) AND m.state = 'routed'
            AND NOT EXISTS (SELECT 1 FROM queue_item q
                             WHERE q.message_id = m.id AND (q.state IN ('pending', 'ready', 'retry') OR q.report_pending))
         RETURNING m.id, m.blob_sha256 AS blob)
       SELECT g.id, g.blob,
              (SELECT count(*)::int FROM queued_message q
                WHERE q.blob_sha256 = g.blob AND q.id NOT IN (SELECT id FROM gone)) AS others
         FROM gone g ORDER BY g.id`,
      [ids],
    );
    return withOrphanBlobs(rows);
  }

  /** Which of these blobs queued messages still use. */
  async referencedBlobs(manager: EntityManager, sha256s: readonly string[]): Promise<string[]> {
    if (sha256s.length === 0) return [];
    const rows = await manager.query<Array<{ sha: string }>>(
      `SELECT DISTINCT blob_sha256 AS sha FROM queued_message WHERE blob_sha256 = ANY($1::char(64)[])`,
      [sha256s],
    );
    return rows.map((r) => r.sha);
  }

  // ----- administrator actions (the message row is locked by the caller) -----

  async retryNow(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE queue_item SET next_attempt_at = $2 WHERE message_id = $1 AND state IN ('ready', 'retry')`,
      [id, now],
    );
    await manager.query(`UPDATE queued_message SET next_attempt_at = $2 WHERE id = $1 AND state = 'categorize'`, [
      id,
      now,
    ]);
  }

  async setFrozen(manager: EntityManager, id: string, frozen: boolean): Promise<void> {
    await manager.query(`UPDATE queued_message SET frozen = $2 WHERE id = $1`, [id, frozen]);
    await manager.query(
      `UPDATE queue_item SET frozen = $2 WHERE message_id = $1 AND state IN ('pending', 'ready', 'retry')`,
      [id, frozen],
    );
  }

  /** Fails every open copy (4.3.2, deleted by an administrator); with `report`, the sender is told. */
  async failOpenItems(
    manager: EntityManager,
    id: string,
    now: Date,
    status: string,
    diagnostic: string,
    report: boolean,
  ): Promise<QueueItem[]> {
    const rows = await this.returning<Record<string, unknown>>(
      manager,
      `UPDATE queue_item SET state = 'failed', status = $2, diagnostic = $3, report_pending = $4 AND notify IS DISTINCT FROM 'NEVER'
                                 AND (notify IS NULL OR notify LIKE '%FAILURE%'),
              finished_at = $5, locked_by = NULL, locked_until = NULL
        WHERE message_id = $1 AND state IN ('pending', 'ready', 'retry')
        RETURNING ${ITEM_COLUMNS}`,
      [id, status, diagnostic, report, now],
    );
    // A message deleted before the categorizer saw it has no routed copies: it is done too.
    await manager.query(
      `UPDATE queued_message SET state = 'routed', locked_by = NULL, locked_until = NULL WHERE id = $1`,
      [id],
    );
    return rows.map(toItem);
  }

  // ----- Queue Viewer -----

  async queueSummaries(manager: EntityManager, now: Date): Promise<QueueSummaryRow[]> {
    const rows = await manager.query<Array<Record<string, unknown>>>(
      `SELECT q.next_hop AS queue, min(q.next_hop_kind) AS kind, count(DISTINCT q.message_id)::int AS messages,
              count(*)::int AS recipients,
              count(*) FILTER (WHERE q.locked_until IS NOT NULL AND q.locked_until >= $1)::int AS active,
              count(*) FILTER (WHERE q.frozen)::int AS frozen,
              count(*) FILTER (WHERE NOT q.frozen AND q.next_attempt_at <= $1)::int AS due,
              min(m.received_at) AS oldest,
              min(q.next_attempt_at) FILTER (WHERE q.state = 'retry' AND NOT q.frozen) AS "nextAttempt",
              (array_agg(q.diagnostic ORDER BY q.next_attempt_at DESC) FILTER (WHERE q.state = 'retry'))[1] AS "lastError"
         FROM queue_item q JOIN queued_message m ON m.id = q.message_id
        WHERE q.state IN ('ready', 'retry')
        GROUP BY q.next_hop
       UNION ALL
       SELECT 'submission', 'submission', count(*)::int, count(*)::int,
              count(*) FILTER (WHERE locked_until IS NOT NULL AND locked_until >= $1)::int,
              count(*) FILTER (WHERE frozen)::int,
              count(*) FILTER (WHERE NOT frozen AND next_attempt_at <= $1)::int,
              min(received_at), min(next_attempt_at) FILTER (WHERE attempts > 0), max(last_error)
         FROM queued_message WHERE state = 'categorize'
        HAVING count(*) > 0
        ORDER BY 1`,
      [now],
    );
    return rows.map((r) => ({
      queue: String(r['queue']),
      kind: r['kind'] as NextHopKind | 'submission',
      messages: Number(r['messages']),
      recipients: Number(r['recipients']),
      active: Number(r['active']),
      frozen: Number(r['frozen']),
      due: Number(r['due']),
      oldest: dateOrNull(r['oldest']),
      nextAttempt: dateOrNull(r['nextAttempt']),
      lastError: (r['lastError'] as string | null) ?? null,
    }));
  }

  /** The messages with copies in one queue (oldest first), at most `limit`. */
  async messagesInQueue(manager: EntityManager, queue: string, limit: number): Promise<QueuedMessage[]> {
    const rows = await manager.query<Array<Record<string, unknown>>>(
      queue === 'submission'
        ? `SELECT ${MESSAGE_COLUMNS} FROM queued_message WHERE state = 'categorize' ORDER BY received_at, id LIMIT $1`
        : `SELECT ${prefixed(MESSAGE_COLUMNS, 'm')} FROM queued_message m
            WHERE EXISTS (SELECT 1 FROM queue_item q WHERE q.message_id = m.id AND q.next_hop = $2
                            AND q.state IN ('ready', 'retry'))
            ORDER BY m.received_at, m.id LIMIT $1`,
      queue === 'submission' ? [limit] : [limit, queue],
    );
    return rows.map(toMessage);
  }

  /** Earliest moment unclaimed work becomes due (retries, categorizer retries, delay notifications), or null. */
  async nextDue(manager: EntityManager, owner: string, now: Date): Promise<Date | null> {
    const rows = await manager.query<Array<{ at: Date | string | null }>>(
      `SELECT least(
         (SELECT min(q.next_attempt_at) FROM queue_item q JOIN queued_message m ON m.id = q.message_id
           WHERE q.state IN ('ready', 'retry') AND NOT q.frozen AND (q.locked_until IS NULL OR q.locked_until < $1)
             AND lower(m.received_by) = $2),
         (SELECT min(next_attempt_at) FROM queued_message WHERE state = 'categorize' AND NOT frozen
             AND (locked_until IS NULL OR locked_until < $1) AND lower(received_by) = $2),
         (SELECT min(q.delay_notify_at) FROM queue_item q JOIN queued_message m ON m.id = q.message_id
           WHERE q.state = 'retry' AND NOT q.delay_notified AND (m.locked_until IS NULL OR m.locked_until < $1)
             AND lower(m.received_by) = $2)) AS at`,
      [now, owner],
    );
    return dateOrNull(rows[0]?.at ?? null);
  }
}

export type { QueueItemState };
