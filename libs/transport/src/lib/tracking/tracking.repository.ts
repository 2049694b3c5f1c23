import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TrackingEventDto, TrackingEventKind } from '@estafette/contracts';
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
    const values: unknown[] = [];
    const rows: string[] = [];
    for (const r of records) {
      const base = values.length;
      values.push(
        at,
        r.event,
        r.queueId,
        clip(r.messageId, 998) ?? '',
        clip(r.sender, 320) ?? '',
        clip(r.recipient, 320),
        server,
        clip(r.status, 16),
        clip(r.detail ?? '', 4000) ?? '',
      );
      rows.push(`(${Array.from({ length: 9 }, (_, i) => `$${base + i + 1}`).join(', ')})`);
    }
    await manager.query(
      `INSERT INTO message_tracking_event (at, event, queue_id, message_id, sender, recipient, server, status, detail)
       VALUES ${rows.join(', ')}`,
      values,
    );
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
