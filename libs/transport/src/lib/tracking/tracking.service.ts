import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TrackingEventDto, TrackingQuery } from '@estafette/contracts';
import { TransportClock } from '../clock';
import type { SqlParams } from '../queue/sql-parts';
import { TRANSPORT_OPTIONS, type TransportOptions } from '../transport-options';
import type { TrackingRecord } from './tracking-event';
import { TrackingRepository } from './tracking.repository';

export const MAX_TRACKING_RESULTS = 1000;

function parseTime(text: string | undefined, name: string): Date | undefined {
  if (text === undefined || text === '') return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new BadRequestException(`${name} must be an ISO 8601 date-time, got "${text}"`);
  return date;
}

/** The message tracking log: every step of every message, written in the transaction of the step. */
@Injectable()
export class MessageTrackingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TRANSPORT_OPTIONS) private readonly options: TransportOptions,
    private readonly clock: TransportClock,
    private readonly events: TrackingRepository,
  ) {}

  record(manager: EntityManager, records: readonly TrackingRecord[]): Promise<void> {
    return this.events.insert(manager, this.options.serverName, this.clock.now(), records);
  }

  /** The INSERT of `records` as a part of a larger statement (see TrackingRepository.insertSql). */
  recordSql(
    p: SqlParams,
    records: readonly TrackingRecord[],
    filter?: { keys: readonly string[]; where: string },
  ): string {
    return this.events.insertSql(p, this.options.serverName, this.clock.now(), records, filter);
  }

  search(query: TrackingQuery): Promise<TrackingEventDto[]> {
    const from = parseTime(query.from, 'from');
    const to = parseTime(query.to, 'to');
    if (from && to && from > to) throw new BadRequestException('from must not be after to');
    const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
    return this.events.search(this.db.manager, {
      sender: blank(query.sender),
      recipient: blank(query.recipient),
      messageId: blank(query.messageId),
      from,
      to,
      limit: Math.min(Math.max(query.limit ?? 200, 1), MAX_TRACKING_RESULTS),
    });
  }

  /** Every event of one queued message, oldest first. */
  forQueueId(queueId: string): Promise<TrackingEventDto[]> {
    return this.events.search(this.db.manager, { queueId, limit: MAX_TRACKING_RESULTS });
  }
}
