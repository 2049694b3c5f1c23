import type { RecipientKind } from '@estafette/contracts';

/** What the categorizer needs to know of a recipient. */
export interface DirectoryRecipient {
  id: string;
  kind: RecipientKind;
  displayName: string;
  primarySmtpAddress: string | null;
  mailboxStoreId: string | null;
  targetAddress: string | null;
  hiddenFromAddressLists: boolean;
  acceptFromIds: string[];
  rejectFromIds: string[];
  requireAuthenticatedSenders: boolean;
  forwardingRecipientId: string | null;
  deliverAndForward: boolean;
  maxReceiveSizeKb: number | null;
}

export type DirectoryLookup =
  { kind: 'recipient'; recipient: DirectoryRecipient } | { kind: 'public-folder'; publicFolderId: string } | null;

/** Posting into a mail-enabled public folder, as the directory decides it for one sender. */
export interface PublicFolderTarget {
  displayName: string;
  /** The public folder store holding its items; null when the organisation has none. */
  publicStoreId: string | null;
  /** The sender's role grants Create items (Anonymous for mail from outside). */
  mayPost: boolean;
}

/**
 * The categorizer's view of the directory (implemented over RecipientResolver and the group
 * expansion service), so that its rules are tested with an in-memory directory.
 */
export interface CategorizerDirectory {
  /** The owner of an address, by any of its addresses, domain case-insensitive. */
  resolve(address: string): Promise<DirectoryLookup>;
  findById(id: string): Promise<DirectoryRecipient | null>;
  /** Every non-group recipient a group reaches (nested and query-based groups resolved, each once). */
  expandGroup(groupId: string): Promise<string[]>;
  authoritativeDomains(): Promise<string[]>;
  /** Posting into a public folder for a sender (null: anonymous), or null when the folder is gone. */
  publicFolder(publicFolderId: string, senderId: string | null): Promise<PublicFolderTarget | null>;
}
