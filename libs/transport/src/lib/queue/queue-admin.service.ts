import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  QueueDetailDto,
  QueueKind,
  QueuedMessageDto,
  QueueState,
  QueueSummaryDto,
  TrackingEventKind,
} from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import { TransportClock } from '../clock';
import { STATUS } from '../dsn/status-text';
import { queueDisplayName, SUBMISSION_QUEUE } from '../routing/next-hop';
import { senderText } from '../submission/message-submission.service';
import { MessageTrackingService } from '../tracking/tracking.service';
import { TRANSPORT_OPTIONS, type TransportOptions } from '../transport-options';
import type { QueuedMessage, QueueItem } from './queue.model';
import { QueueRepository, type QueueSummaryRow } from './queue.repository';
import { QueueSignal } from './queue-signal';

/** At most this many messages are listed for one queue. */
export const MAX_QUEUE_LISTING = 500;

function queueState(row: QueueSummaryRow): QueueState {
  if (row.active > 0) return 'active';
  if (row.frozen === row.recipients) return 'frozen';
  if (row.due > 0) return 'ready';
  return 'retry';
}

function toSummary(row: QueueSummaryRow): QueueSummaryDto {
  return {
    name: row.queue,
    displayName: queueDisplayName(row.queue),
    kind: row.kind as QueueKind,
    state: queueState(row),
    messageCount: row.messages,
    recipientCount: row.recipients,
    oldestReceivedAt: row.oldest?.toISOString() ?? null,
    nextAttemptAt: row.nextAttempt?.toISOString() ?? null,
    lastError: row.lastError,
  };
}

export function toQueuedMessageDto(message: QueuedMessage, items: readonly QueueItem[]): QueuedMessageDto {
  return {
    id: message.id,
    messageId: message.messageIdHeader,
    sender: senderText(message.mailFrom),
    subject: message.subject,
    size: message.size,
    receivedAt: message.receivedAt.toISOString(),
    state: message.state,
    frozen: message.frozen,
    recipients: items.map((i) => ({
      address: i.recipient,
      envelopeAddress: i.envelopeRecipient,
      state: i.state,
      frozen: i.frozen,
      queue: i.nextHop,
      attempts: i.attempts,
      nextAttemptAt: i.nextAttemptAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      status: i.status,
      diagnostic: i.diagnostic,
    })),
  };
}

type AdminAction = 'retry' | 'freeze' | 'unfreeze' | 'delete';

/**
 * Queue Viewer: the link queues with their state and content, and the administrator's actions on
 * a message (retry now, freeze, unfreeze, delete with or without a non-delivery report), each
 * audited and written to the tracking log.
 */
@Injectable()
export class QueueAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TRANSPORT_OPTIONS) private readonly options: TransportOptions,
    private readonly clock: TransportClock,
    private readonly queue: QueueRepository,
    private readonly tracking: MessageTrackingService,
    private readonly audit: AuditLogService,
    private readonly signal: QueueSignal,
  ) {}

  async listQueues(): Promise<QueueSummaryDto[]> {
    return (await this.queue.queueSummaries(this.db.manager, this.clock.now())).map(toSummary);
  }

  async getQueue(name: string): Promise<QueueDetailDto> {
    const summary = (await this.listQueues()).find(
      (q) => q.name === name || q.displayName.toLowerCase() === name.toLowerCase(),
    );
    if (!summary) throw new NotFoundException(`queue ${name} is empty or does not exist`);
    const messages = await this.queue.messagesInQueue(this.db.manager, summary.name, MAX_QUEUE_LISTING);
    const items = await this.queue.itemsOfMessages(
      this.db.manager,
      messages.map((m) => m.id),
    );
    return {
      ...summary,
      messages: messages.map((m) =>
        toQueuedMessageDto(
          m,
          items.filter(
            (i) => i.messageId === m.id && (summary.name === SUBMISSION_QUEUE || i.nextHop === summary.name),
          ),
        ),
      ),
    };
  }

  async getMessage(id: string): Promise<QueuedMessageDto> {
    const message = await this.queue.findMessage(this.db.manager, id);
    if (!message) throw new NotFoundException(`message ${id} is not in the queues`);
    return toQueuedMessageDto(message, await this.queue.itemsOf(this.db.manager, id));
  }

  /** Retry now (Exchange: Force Connection): every waiting copy becomes due at once. */
  retry(actor: Actor, id: string): Promise<QueuedMessageDto> {
    return this.act(actor, id, 'retry', async (manager) => {
      await this.queue.retryNow(manager, id, this.clock.now());
    });
  }

  freeze(actor: Actor, id: string): Promise<QueuedMessageDto> {
    return this.act(actor, id, 'freeze', (manager) => this.queue.setFrozen(manager, id, true));
  }

  unfreeze(actor: Actor, id: string): Promise<QueuedMessageDto> {
    return this.act(actor, id, 'unfreeze', (manager) => this.queue.setFrozen(manager, id, false));
  }

  /** Deletes a message: its open copies fail with 4.3.2; with `ndr`, the sender gets a non-delivery report. */
  delete(actor: Actor, id: string, ndr: boolean): Promise<QueuedMessageDto> {
    return this.act(
      actor,
      id,
      'delete',
      async (manager) => {
        await this.queue.failOpenItems(
          manager,
          id,
          this.clock.now(),
          STATUS.deletedByAdministrator,
          `deleted by an administrator (${actor.name})`,
          ndr,
        );
      },
      ndr ? 'with a non-delivery report' : 'without a non-delivery report',
    );
  }

  private async act(
    actor: Actor,
    id: string,
    action: AdminAction,
    change: (manager: EntityManager) => Promise<void>,
    note = '',
  ): Promise<QueuedMessageDto> {
    const result = await this.db.transaction(async (manager) => {
      const message = await this.queue.lockMessage(manager, id);
      if (!message) throw new NotFoundException(`message ${id} is not in the queues`);
      const before = toQueuedMessageDto(message, await this.queue.itemsOf(manager, id));
      await change(manager);
      const updated = (await this.queue.findMessage(manager, id)) ?? message;
      const after = toQueuedMessageDto(updated, await this.queue.itemsOf(manager, id));
      await this.audit.record(manager, actor, {
        action: action === 'delete' ? `delete-message` : `${action}-message`,
        objectType: 'queued-message',
        objectId: id,
        objectName: message.subject || message.messageIdHeader || id,
        before,
        after,
      });
      const event: Record<AdminAction, TrackingEventKind> = {
        retry: 'retried',
        freeze: 'frozen',
        unfreeze: 'unfrozen',
        delete: 'deleted',
      };
      await this.tracking.record(
        manager,
        before.recipients
          .filter((r) => r.state === 'pending' || r.state === 'ready' || r.state === 'retry')
          .map((r) => ({
            event: event[action],
            queueId: id,
            messageId: message.messageIdHeader,
            sender: senderText(message.mailFrom),
            recipient: r.address,
            status: action === 'delete' ? STATUS.deletedByAdministrator : null,
            detail: `by ${actor.name}${note ? `, ${note}` : ''}`,
          })),
      );
      await this.signal.notify(manager);
      return after;
    });
    this.signal.wake();
    return result;
  }
}
