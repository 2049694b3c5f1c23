import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  MAILBOX_DELIVERY,
  MailboxNotFoundError,
  QuotaExceededError,
  StoreUnavailableError,
  type LocalDeliveryRequest,
  type MailboxDelivery,
} from '@estafette/store';
import { STATUS } from '../dsn/status-text';
import type { QueuedMessage, QueueItem } from '../queue/queue.model';
import { SystemMessageService } from '../submission/system-message.service';
import type { CopyResult } from './remote-delivery.service';

/** Local delivery: the store driver of Exchange. One copy per mailbox, through MailboxDelivery; storage warnings go to the owner. */
@Injectable()
export class LocalDeliveryService {
  private readonly logger = new Logger('LocalDelivery');

  constructor(
    @Inject(MAILBOX_DELIVERY) private readonly mailboxes: MailboxDelivery,
    private readonly systemMessages: SystemMessageService,
  ) {}

  async deliver(message: QueuedMessage, items: readonly QueueItem[]): Promise<CopyResult[]> {
    const results: CopyResult[] = [];
    for (const item of items) results.push(await this.deliverOne(message, item));
    return results;
  }

  private async deliverOne(message: QueuedMessage, item: QueueItem): Promise<CopyResult> {
    if (!item.recipientId) {
      return {
        itemId: item.id,
        delivered: false,
        permanent: true,
        status: STATUS.unknownRecipient,
        diagnostic: 'no mailbox',
        remoteMta: null,
      };
    }
    const request: LocalDeliveryRequest = {
      recipientId: item.recipientId,
      blob: { sha256: message.blobSha256, size: message.size },
      internalDate: message.receivedAt,
      // Exactly once: a retry after a crash between the store's commit and the queue's finds this key.
      deliveryKey: `${item.id}/${item.recipientId}`,
    };
    try {
      const stored = await this.mailboxes.deliver(request);
      if (stored.duplicate)
        return {
          itemId: item.id,
          delivered: true,
          status: '2.0.0',
          diagnostic: `already stored as ${stored.messageId} (delivered before a restart)`,
          remoteMta: null,
        };
      // The store tells when the mailbox crossed a storage limit (at most once a day): its owner is warned.
      if (stored.quotaWarning) void this.systemMessages.sendQuotaWarning(stored.quotaWarning);
      return {
        itemId: item.id,
        delivered: true,
        status: '2.0.0',
        diagnostic: `stored as ${stored.messageId}`,
        remoteMta: null,
      };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof StoreUnavailableError)
        return {
          itemId: item.id,
          delivered: false,
          permanent: false,
          status: STATUS.storeUnavailable,
          diagnostic: text,
          remoteMta: null,
        };
      if (error instanceof QuotaExceededError)
        return {
          itemId: item.id,
          delivered: false,
          permanent: true,
          status: STATUS.mailboxFull,
          diagnostic: text,
          remoteMta: null,
        };
      if (error instanceof MailboxNotFoundError)
        return {
          itemId: item.id,
          delivered: false,
          permanent: true,
          status: STATUS.unknownRecipient,
          diagnostic: text,
          remoteMta: null,
        };
      this.logger.warn(`local delivery of ${message.id} to ${item.recipient} failed: ${text}`);
      return {
        itemId: item.id,
        delivered: false,
        permanent: false,
        status: '4.3.0',
        diagnostic: text,
        remoteMta: null,
      };
    }
  }
}
