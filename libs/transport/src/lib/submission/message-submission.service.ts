import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { BLOB_STORE, GroupCommit, QUEUE_NAMESPACE, type BlobRef, type BlobStore } from '@estafette/store';
import { TransportClock } from '../clock';
import { QueueRepository } from '../queue/queue.repository';
import type { NewQueuedMessage, NewQueueItem } from '../queue/queue.model';
import type { TrackingRecord } from '../tracking/tracking-event';
import { QueueSignal } from '../queue/queue-signal';
import { MessageTrackingService } from '../tracking/tracking.service';
import { TRANSPORT_OPTIONS, type TransportOptions } from '../transport-options';
import { clip } from './header-section';
import type { MessageSubmission, SubmissionEnvelope, SubmissionResult } from './message-submission.port';
import { prepareMessage, type MessageHeaderInfo } from './prepared-message';
import { newQueueId } from './queue-id';

export interface GeneratedMessage {
  queueId: string;
  blob: BlobRef;
  info: MessageHeaderInfo;
  receivedAt: Date;
}

/** What one enqueue writes. */
interface EnqueueRows {
  message: NewQueuedMessage;
  items: NewQueueItem[];
  events: TrackingRecord[];
}

/** Room for the Message-ID field added to a message that had none. */
const ADDED_HEADER_ALLOWANCE = 1024;

/** RFC 3461 NOTIFY as the queue stores it: null for the default, 'NEVER', or a comma list. */
export function notifyText(notify: SubmissionEnvelope['recipients'][number]['dsn']): string | null {
  const value = notify?.notify;
  if (value === undefined) return null;
  if (value === 'NEVER') return 'NEVER';
  return value.length === 0 ? null : [...new Set(value)].sort().join(',');
}

/** The envelope sender as tracked and displayed: '' for the null reverse-path. */
export function senderText(mailFrom: string | null): string {
  return mailFrom ?? '';
}

/**
 * Durable enqueue: the message streams into the blob store's 'queue' namespace (fsynced by put),
 * then one transaction inserts the queued message, its envelope recipients and the tracking
 * events (shared with the enqueues that arrive meanwhile: GroupCommit). The promise resolves
 * after the commit, so a 250 reply always means "stored".
 */
@Injectable()
export class MessageSubmissionService implements MessageSubmission {
  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(TRANSPORT_OPTIONS) private readonly options: TransportOptions,
    private readonly clock: TransportClock,
    private readonly queue: QueueRepository,
    private readonly tracking: MessageTrackingService,
    private readonly signal: QueueSignal,
    private readonly commits: GroupCommit,
  ) {}

  async submit(envelope: SubmissionEnvelope, data: Readable, options: { maxBytes: number }): Promise<SubmissionResult> {
    if (envelope.recipients.length === 0) throw new Error('a message needs at least one recipient');
    const receivedAt = this.clock.now();
    const queueId = newQueueId(receivedAt);
    const prepared = prepareMessage(data, {
      prepend: (fields) => {
        const own = fields.find((f) => f.name.toLowerCase() === 'message-id')?.value.trim();
        if (own) return { lines: [], messageId: own };
        const messageId = this.newMessageId(queueId);
        return { lines: [`Message-ID: ${messageId}`], messageId };
      },
    });
    // The limit is the client's; the blob may hold a Message-ID field this server added.
    const blob = await this.blobs.put(QUEUE_NAMESPACE, prepared.stream, {
      maxBytes: options.maxBytes > 0 ? options.maxBytes + ADDED_HEADER_ALLOWANCE : undefined,
    });
    const info = prepared.info();
    // Group commit: concurrent enqueues share one statement; this resolves after it is on disk.
    await this.commits.runStatement(
      this.writeEnqueued,
      this.enqueueRows(queueId, envelope, blob, info, receivedAt, false),
    );
    this.signal.wake();
    return { queueId, messageId: info.messageId };
  }

  /** Stores a message this server wrote (a delivery status notification) in the blob store, before its transaction. */
  async storeGenerated(content: Buffer): Promise<GeneratedMessage> {
    const receivedAt = this.clock.now();
    const queueId = newQueueId(receivedAt);
    const prepared = prepareMessage([content], {
      prepend: (fields) => {
        const own = fields.find((f) => f.name.toLowerCase() === 'message-id')?.value.trim();
        const messageId = own || this.newMessageId(queueId);
        return { lines: own ? [] : [`Message-ID: ${messageId}`], messageId };
      },
    });
    const blob = await this.blobs.put(QUEUE_NAMESPACE, prepared.stream);
    return { queueId, blob, info: prepared.info(), receivedAt };
  }

  /** Enqueues a stored generated message inside the caller's transaction, so the report and what it reports on commit together. */
  async enqueueGenerated(
    manager: EntityManager,
    message: GeneratedMessage,
    envelope: SubmissionEnvelope,
  ): Promise<SubmissionResult> {
    await this.writeEnqueued(manager, [
      this.enqueueRows(message.queueId, envelope, message.blob, message.info, message.receivedAt, true),
    ]);
    return { queueId: message.queueId, messageId: message.info.messageId };
  }

  newMessageId(queueId: string): string {
    return `<${queueId}.${randomBytes(6).toString('hex')}@${this.options.serverName}>`;
  }

  /** The rows of one enqueued message: the queued message, a pending item per recipient, 'received' events. */
  private enqueueRows(
    id: string,
    envelope: SubmissionEnvelope,
    blob: BlobRef,
    info: MessageHeaderInfo,
    receivedAt: Date,
    isReport: boolean,
  ): EnqueueRows {
    const expiresAt = new Date(receivedAt.getTime() + this.options.expirationMs);
    const delayNotifyAt = new Date(receivedAt.getTime() + this.options.delayNotificationMs);
    const via =
      envelope.entryPoint === 'internal'
        ? 'internal'
        : `${envelope.transmissionType} from ${envelope.heloName} [${envelope.clientAddress}]`;
    return {
      message: {
        id,
        blobSha256: blob.sha256,
        size: blob.size,
        mailFrom: envelope.mailFrom,
        dsnEnvelopeId: envelope.dsnEnvelopeId ?? null,
        dsnRet: envelope.dsnReturn ?? null,
        authenticatedRecipientId: envelope.authenticatedRecipientId,
        entryPoint: envelope.entryPoint,
        clientAddress: clip(envelope.clientAddress, 64),
        clientHostname: clip(envelope.clientHostname, 255),
        heloName: clip(envelope.heloName, 255),
        messageIdHeader: clip(info.messageId),
        subject: clip(info.subject),
        hopCount: info.hopCount,
        isReport,
        receivedAt,
        receivedBy: this.options.serverName,
        nextAttemptAt: receivedAt,
      },
      items: envelope.recipients.map((r) => ({
        messageId: id,
        recipient: r.address,
        envelopeRecipient: r.address,
        originalRecipient: r.dsn?.originalRecipient ?? null,
        notify: notifyText(r.dsn),
        recipientId: null,
        state: 'pending' as const,
        nextHop: null,
        nextHopKind: null,
        route: null,
        nextAttemptAt: receivedAt,
        expiresAt,
        delayNotifyAt,
        delayNotified: false,
        status: null,
        diagnostic: null,
        reportPending: false,
        finishedAt: null,
      })),
      events: envelope.recipients.map((r) => ({
        event: 'received' as const,
        queueId: id,
        messageId: clip(info.messageId),
        sender: senderText(envelope.mailFrom),
        recipient: r.address,
        detail: `${via}, ${blob.size} bytes${isReport ? ', delivery status notification' : ''}`,
      })),
    };
  }

  /** Writes the rows of several messages and a wake-up for other processes, in one statement. */
  private readonly writeEnqueued = async (manager: EntityManager, batch: readonly EnqueueRows[]): Promise<void> => {
    await this.queue.enqueue(
      manager,
      batch.map((b) => b.message),
      batch.flatMap((b) => b.items),
      (p) => ({
        parts: [
          this.tracking.recordSql(
            p,
            batch.flatMap((b) => b.events),
          ),
        ],
        select: this.signal.notifySql() ?? undefined,
      }),
    );
  };
}
