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
}
