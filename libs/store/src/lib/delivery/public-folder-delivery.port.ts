import type { BlobRef } from '../blobs/blob-store';
import type { LocalDeliveryResult } from './mailbox-delivery.port';

/** Mail to a mail-enabled public folder, posted into the folder's content in its public folder store. */
export interface PublicFolderDeliveryRequest {
  /** The folder of the directory's public folder tree. */
  publicFolderId: string;
  /** The public folder store that holds its items (the transport routed the copy to its server). */
  publicStoreId: string;
  /** The message, already in the blob store under the 'queue' namespace. */
  blob: BlobRef;
  internalDate?: Date;
  /** As MailboxDelivery's: a retry with the same key stores nothing twice. */
  deliveryKey?: string;
}

export interface PublicFolderDelivery {
  /**
   * Stores the message in the public folder (its content folder is created at first use), commits, then
   * announces the change. Throws StoreUnavailableError when the public store is dismounted (4.2.1) and
   * MailboxNotFoundError when the store does not exist. Posting rights are the categorizer's to check.
   */
  deliverToPublicFolder(request: PublicFolderDeliveryRequest): Promise<LocalDeliveryResult>;
  /** The store folder of a public folder's items (for IMAP's shared namespace and NNTP), or null. */
  contentFolderOf(publicFolderId: string): Promise<string | null>;
  /**
   * The store folder of a public folder's items, created in its public store if nothing was ever posted
   * (a client may open or APPEND to a folder before any mail reached it); callers look with
   * contentFolderOf first. Throws StoreUnavailableError when that store is dismounted.
   */
  openContentFolder(publicFolderId: string, publicStoreId: string): Promise<string>;
}

export const PUBLIC_FOLDER_DELIVERY = Symbol('PUBLIC_FOLDER_DELIVERY');
