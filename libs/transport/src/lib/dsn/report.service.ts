import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuthoritativeDomainService } from '@estafette/directory';
import { BLOB_STORE, QUEUE_NAMESPACE, type BlobStore } from '@estafette/store';
import { TransportClock } from '../clock';
import { notifies, type QueuedMessage, type QueueItem } from '../queue/queue.model';
import { QueueRepository } from '../queue/queue.repository';
import { QueueSignal } from '../queue/queue-signal';
import { findHeaderEnd } from '../submission/header-section';
import { MessageSubmissionService, senderText } from '../submission/message-submission.service';
import type { TrackingRecord } from '../tracking/tracking-event';
import { MessageTrackingService } from '../tracking/tracking.service';
import { TRANSPORT_OPTIONS, type TransportOptions } from '../transport-options';
import { buildDsn, dsnKind, type DsnRecipientReport } from './dsn-builder';

/** The header section of a stored message (at most 256 KB of it). */
async function readHeaderSection(blobs: BlobStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = blobs.open(QUEUE_NAMESPACE, sha256, { start: 0, end: 256 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    const end = findHeaderEnd(Buffer.concat(chunks, size));
    if (end) {
      stream.destroy();
      return Buffer.concat(chunks, size).subarray(0, end.headerEnd);
    }
  }
  return Buffer.concat(chunks, size);
}

/**
 * Delivery status notifications and the end of a message's stay in the queue. For a message
 * this server leased, it reports final outcomes and due delays to the envelope sender in one
 * RFC 3464 report (never to the null sender, never about a report), honouring each recipient's
 * NOTIFY, then deletes the message and its blob once every copy is final and reported.
 */
@Injectable()
export class ReportService {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TRANSPORT_OPTIONS) private readonly options: TransportOptions,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly clock: TransportClock,
    private readonly queue: QueueRepository,
    private readonly submission: MessageSubmissionService,
    private readonly tracking: MessageTrackingService,
    private readonly domains: AuthoritativeDomainService,
    private readonly signal: QueueSignal,
  ) {}

  /** Reports on and cleans up a message leased to `owner`; the lease is released (or the message gone) afterwards. */
  async process(messageId: string, owner: string): Promise<void> {
    const message = await this.queue.findMessage(this.db.manager, messageId);
    if (!message) return;
    const items = await this.queue.itemsOf(this.db.manager, messageId);
    const now = this.clock.now();
    const finals = items.filter((i) => i.reportPending);
    const delays = items.filter((i) => i.state === 'retry' && !i.delayNotified && i.delayNotifyAt <= now);
    const reports = this.reportsFor(message, finals, delays);
    const generated =
      reports.length > 0 ? await this.submission.storeGenerated(await this.build(message, reports, now)) : null;
    let orphan: string | null = null;
    let enqueued = false;
    await this.db.transaction(async (manager) => {
      if (!(await this.queue.lockMessage(manager, messageId, owner))) return;
      const events: TrackingRecord[] = [];
      if (generated && message.mailFrom) {
        const dsn = await this.submission.enqueueGenerated(manager, generated, {
          mailFrom: null,
          recipients: [{ address: message.mailFrom, dsn: { notify: 'NEVER' } }],
          authenticatedRecipientId: null,
          clientAddress: '',
          clientHostname: '',
          heloName: this.options.serverName,
          transmissionType: 'local',
          entryPoint: 'internal',
        });
        enqueued = true;
        const kind = dsnKind(reports.map((r) => r.report));
        for (const r of reports) {
          events.push({
            event: kind === 'failure' && r.report.action === 'failed' ? 'ndr-sent' : 'dsn-sent',
            queueId: message.id,
            messageId: message.messageIdHeader,
            sender: senderText(message.mailFrom),
            recipient: r.item.recipient,
            status: r.report.status,
            detail: `${r.report.action} report ${dsn.queueId} to ${message.mailFrom}`,
          });
        }
      }
      await this.queue.markReported(
        manager,
        finals.map((i) => i.id),
        delays.map((i) => i.id),
      );
      await this.tracking.record(manager, events);
      const done = await this.queue.deleteIfDone(manager, messageId);
      if (!done.deleted) await this.queue.releaseMessage(manager, messageId, owner);
      orphan = done.orphanBlob;
    });
    if (generated && enqueued) this.signal.wake();
    // A report written for a message another process took over meanwhile is not needed.
    if (generated && !enqueued) orphan = generated.blob.sha256;
    if (orphan) {
      await this.blobs
        .delete(QUEUE_NAMESPACE, orphan, { durable: false })
        .catch((error: unknown) => this.logger.warn(`could not delete blob ${orphan}: ${(error as Error).message}`));
    }
  }

  private reportsFor(
    message: QueuedMessage,
    finals: readonly QueueItem[],
    delays: readonly QueueItem[],
  ): Array<{ item: QueueItem; report: DsnRecipientReport }> {
    // RFC 3464 §2 / RFC 5321 §6.1: never report to the null sender, never report on a report.
    if (!message.mailFrom || message.isReport) return [];
    const out: Array<{ item: QueueItem; report: DsnRecipientReport }> = [];
    const base = (i: QueueItem) => ({
      finalRecipient: i.recipient,
      originalRecipient:
        i.originalRecipient ??
        (i.recipient.toLowerCase() !== i.envelopeRecipient.toLowerCase() ? `rfc822;${i.envelopeRecipient}` : null),
      remoteMta: i.remoteMta,
      diagnostic: i.diagnostic,
      lastAttemptDate: i.finishedAt,
    });
    for (const i of finals) {
      if (i.state === 'failed' && notifies(i.notify, 'FAILURE'))
        out.push({ item: i, report: { ...base(i), action: 'failed', status: i.status ?? '5.0.0' } });
      else if ((i.state === 'delivered' || i.state === 'relayed') && notifies(i.notify, 'SUCCESS'))
        out.push({ item: i, report: { ...base(i), action: i.state, status: i.status ?? '2.0.0' } });
    }
    for (const i of delays) {
      if (!notifies(i.notify, 'DELAY')) continue;
      out.push({
        item: i,
        report: {
          ...base(i),
          action: 'delayed',
          status: i.status ?? '4.0.0',
          lastAttemptDate: null,
          willRetryUntil: i.expiresAt,
        },
      });
    }
    return out;
  }

  private async build(
    message: QueuedMessage,
    reports: ReadonlyArray<{ report: DsnRecipientReport }>,
    now: Date,
  ): Promise<Buffer> {
    const full = message.dsnRet === 'FULL' && message.size <= this.options.returnFullMaxBytes;
    const content = full
      ? await this.blobs.read(QUEUE_NAMESPACE, message.blobSha256)
      : await readHeaderSection(this.blobs, message.blobSha256);
    return buildDsn({
      reportingMta: this.options.serverName,
      from: `postmaster@${await this.postmasterDomain()}`,
      to: message.mailFrom ?? '',
      date: now,
      messageId: `<${message.id}.dsn.${randomBytes(4).toString('hex')}@${this.options.serverName}>`,
      boundary: `=_estafette_${randomBytes(12).toString('hex')}`,
      originalEnvelopeId: message.dsnEnvelopeId,
      arrivalDate: message.receivedAt,
      originalSubject: message.subject,
      recipients: reports.map((r) => r.report),
      returned: { kind: full ? 'message' : 'headers', content },
    });
  }

  /** The organisation's primary domain (the default policy's), else this server's name. */
  private async postmasterDomain(): Promise<string> {
    try {
      const domains = await this.domains.list();
      return (domains.find((d) => d.isDefaultPrimary) ?? domains[0])?.domain ?? this.options.serverName;
    } catch {
      return this.options.serverName;
    }
  }
}
