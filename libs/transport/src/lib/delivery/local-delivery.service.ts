import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  FolderService,
  MAILBOX_DELIVERY,
  MessageService,
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
    private readonly folders: FolderService,
    private readonly messages: MessageService,
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
    };
    try {
      if (item.inDoubt && (await this.alreadyStored(item.recipientId, message))) {
        return {
          itemId: item.id,
          delivered: true,
          status: '2.0.0',
          diagnostic: 'already in the mailbox (delivered before a restart)',
          remoteMta: null,
        };
      }
      const stored = await this.mailboxes.deliver(request);
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

  /**
   * Whether a copy is already in the mailbox: the server stopped between the store's commit and the
   * queue's, so the delivery may have happened. Every copy of a queued message carries the message's
   * blob and its arrival time as internal date, which no other message in the inbox shares.
   */
  private async alreadyStored(recipientId: string, message: QueuedMessage): Promise<boolean> {
    try {
      const inbox = await this.folders.byRole(recipientId, 'inbox');
      const listed = await this.messages.list(inbox.id);
      return listed.some(
        (m) => m.sha256 === message.blobSha256 && new Date(m.internalDate).getTime() === message.receivedAt.getTime(),
      );
    } catch {
      // The store cannot tell (dismounted, no mailbox yet): the delivery itself will say what is wrong.
      return false;
    }
  }
}
