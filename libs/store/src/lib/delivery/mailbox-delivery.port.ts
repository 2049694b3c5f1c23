import type { BlobRef } from '../blobs/blob-store';
import type { QuotaWarning } from '../quota/quota-warning';

/** What transport asks of the store for local delivery (libs/transport calls it; libs/store implements it). */
export interface LocalDeliveryRequest {
  /** The recipient (a mailbox-enabled user) whose mailbox receives the message. */
  recipientId: string;
  /** The message, already in the blob store under the 'queue' namespace. */
  blob: BlobRef;
  /** Default 'inbox'. */
  folderRole?: 'inbox' | 'junk';
  flags?: string[];
  internalDate?: Date;
  /**
   * The transport's name for this copy (its queue item and recipient). It is recorded with the message in
   * the same transaction, so a delivery retried after a crash (the store committed, the queue did not)
   * finds it and stores nothing twice. Without one, every call stores a copy.
   */
  deliveryKey?: string;
}

export interface LocalDeliveryResult {
  messageId: string;
  folderId: string;
  uid: number;
  /** True when an earlier delivery with the same key had stored it: nothing was stored now. */
  duplicate?: boolean;
  /**
   * Set when the mailbox is over its issue-warning limit (or worse) and no warning went out in the last
   * 24 hours: the transport sends it to the owner (composeQuotaWarningMessage builds the message).
   */
  quotaWarning?: QuotaWarning;
}

export interface MailboxDelivery {
  /**
   * Stores one copy per recipient mailbox (the blob once per information store),
   * commits, then announces the change (NOTIFY). Throws StoreUnavailableError
   * (store dismounted: a temporary failure, 4.2.1), QuotaExceededError (prohibit
   * send and receive: 5.2.2), MailboxNotFoundError (5.1.1).
   */
  deliver(request: LocalDeliveryRequest): Promise<LocalDeliveryResult>;
}

export const MAILBOX_DELIVERY = Symbol('MAILBOX_DELIVERY');

export class StoreUnavailableError extends Error {
  readonly temporary = true;
}
export class QuotaExceededError extends Error {
  readonly temporary = false;
}
export class MailboxNotFoundError extends Error {
  readonly temporary = false;
}
