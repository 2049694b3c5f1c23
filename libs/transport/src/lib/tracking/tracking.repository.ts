import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TrackingEventDto, TrackingEventKind } from '@estafette/contracts';
import { SqlParams } from '../queue/sql-parts';
import type { TrackingRecord } from './tracking-event';

interface TrackingRow {
  id: string;
  at: Date | string;
  event: TrackingEventKind;
  queue_id: string | null;
  message_id: string;
  sender: string;
  recipient: string | null;
  server: string;
  status: string | null;
  detail: string;
}

export interface TrackingSearch {
  sender?: string;
  recipient?: string;
  messageId?: string;
  queueId?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

function clip(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined) return null;
  return text.length > max ? text.slice(0, max) : text;
}

/** The message tracking log table: appends in the caller's transaction, index-backed searches. */
@Injectable()
export class TrackingRepository {
  async insert(manager: EntityManager, server: string, at: Date, records: readonly TrackingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const p = new SqlParams();
    await manager.query(this.insertSql(p, server, at, records), p.values);
  }

  /**
   * The INSERT of `records`, as a part of a statement built from parts. Arrays, not rows of parameters, so
   * its text (and kept plan) is the same whatever the number of events and no parameter limit applies.
   * With `filter`, each record has a key (say the queue item it is about) and only those whose key passes
   * `filter.where` (SQL on `e.key`) are written.
   */
  insertSql(
    p: SqlParams,
    server: string,
    at: Date,
    records: readonly TrackingRecord[],
    filter?: { keys: readonly string[]; where: string },
  ): string {
    const keyed = records.map((r, i) => ({ r, key: filter?.keys[i] ?? null }));
    const rows = p.rows('e', keyed, [
      ['event', 'text', (k) => k.r.event],
      ['queue_id', 'text', (k) => k.r.queueId],
      ['message_id', 'text', (k) => clip(k.r.messageId, 998) ?? ''],
      ['sender', 'text', (k) => clip(k.r.sender, 320) ?? ''],
      ['recipient', 'text', (k) => clip(k.r.recipient, 320)],
      ['status', 'text', (k) => clip(k.r.status, 16)],
      ['detail', 'text', (k) => clip(k.r.detail ?? '', 4000) ?? ''],
      ['key', 'text', (k) => k.key],
    ]);
    return `INSERT INTO message_tracking_event (at, event, queue_id, message_id, sender, recipient, server, status, detail)
            SELECT ${p.add(at, 'timestamptz')}, e.event, e.queue_id, e.message_id, e.sender, e.recipient,
                   ${p.add(server, 'text')}, e.status, e.detail
              FROM ${rows} ${filter ? `WHERE ${filter.where}` : ''}`;
  }

  /**
   * Sender and recipient match case-insensitively on the whole address (lower(...) indexes); a
   * message-id matches with or without its angle brackets.
   */
  async search(manager: EntityManager, query: TrackingSearch): Promise<TrackingEventDto[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.sender !== undefined) where.push(`lower(sender) = lower(${param(query.sender)})`);
    if (query.recipient !== undefined) where.push(`lower(recipient) = lower(${param(query.recipient)})`);
    if (query.messageId !== undefined) {
      const bare = query.messageId.trim().replace(/^<|>$/g, '');
      where.push(`message_id = ${param(`<${bare}>`)}`);
    }
    if (query.queueId !== undefined) where.push(`queue_id = ${param(query.queueId)}`);
    if (query.from) where.push(`at >= ${param(query.from)}`);
    if (query.to) where.push(`at <= ${param(query.to)}`);
    const rows = await manager.query<TrackingRow[]>(
      `SELECT id::text AS id, at, event, queue_id, message_id, sender, recipient, server, status, detail
         FROM message_tracking_event
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY at, id LIMIT ${param(query.limit)}`,
      params,
    );
    return rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      event: r.event,
      queueId: r.queue_id,
      messageId: r.message_id,
      sender: r.sender,
      recipient: r.recipient,
      server: r.server,
      status: r.status,
      detail: r.detail,
    }));
  }
}
