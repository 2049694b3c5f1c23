import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  MAILBOX_DELIVERY,
  MailboxNotFoundError,
  PUBLIC_FOLDER_DELIVERY,
  QuotaExceededError,
  StoreUnavailableError,
  type LocalDeliveryRequest,
  type MailboxDelivery,
  type PublicFolderDelivery,
  type PublicFolderDeliveryRequest,
} from '@estafette/store';
import { STATUS } from '../dsn/status-text';
import type { QueuedMessage, QueueItem } from '../queue/queue.model';
import { SystemMessageService } from '../submission/system-message.service';
import type { CopyResult } from './remote-delivery.service';

/**
 * Local delivery: the store driver of Exchange. One copy per mailbox, through MailboxDelivery (storage
 * warnings go to the owner), or one item per mail-enabled public folder, through PublicFolderDelivery.
 */
@Injectable()
export class LocalDeliveryService {
  private readonly logger = new Logger('LocalDelivery');

  constructor(
    @Inject(MAILBOX_DELIVERY) private readonly mailboxes: MailboxDelivery,
    @Inject(PUBLIC_FOLDER_DELIVERY) private readonly publicFolders: PublicFolderDelivery,
    private readonly systemMessages: SystemMessageService,
  ) {}

  async deliver(message: QueuedMessage, items: readonly QueueItem[]): Promise<CopyResult[]> {
    const results: CopyResult[] = [];
    for (const item of items) results.push(await this.deliverOne(message, item));
    return results;
  }

  private async deliverOne(message: QueuedMessage, item: QueueItem): Promise<CopyResult> {
    const request = this.requestFor(message, item);
    if (!request) {
      return {
        itemId: item.id,
        delivered: false,
        permanent: true,
        status: STATUS.unknownRecipient,
        diagnostic: 'no mailbox',
        remoteMta: null,
      };
    }
    try {
      const stored =
        'publicFolderId' in request
          ? await this.publicFolders.deliverToPublicFolder(request)
          : await this.mailboxes.deliver(request);
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

  /** What the store is asked to do with a copy: a mailbox delivery, a public folder post, or nothing (null). */
  private requestFor(
    message: QueuedMessage,
    item: QueueItem,
  ): LocalDeliveryRequest | PublicFolderDeliveryRequest | null {
    const blob = { sha256: message.blobSha256, size: message.size };
    const internalDate = message.receivedAt;
    const route = item.route;
    // Exactly once: a retry after a crash between the store's commit and the queue's finds the key.
    if (route?.kind === 'local' && route.publicFolderId && route.publicStoreId) {
      const { publicFolderId, publicStoreId } = route;
      return { publicFolderId, publicStoreId, blob, internalDate, deliveryKey: `${item.id}/${publicFolderId}` };
    }
    if (!item.recipientId) return null;
    return { recipientId: item.recipientId, blob, internalDate, deliveryKey: `${item.id}/${item.recipientId}` };
  }
}
