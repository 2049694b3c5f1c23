import type { PublicFolderPostingService, PublicFolderService } from '@estafette/directory';
import type { AccountLookup, MailLoginService } from '@estafette/security';
import type {
  BlobStore,
  ChangeNotifier,
  FolderAclService,
  FolderService,
  MailboxService,
  MessageService,
  PublicFolderDelivery,
  QuotaService,
} from '@estafette/store';
import type { ImapMessageRepository } from '../imap-message.repository';
import type { ImapFolderIndex } from './imap-folder-index';

/** The domain services the IMAP backend is built on; one set per process, shared by every session. */
export interface ImapStoreDependencies {
  readonly mailLogin: MailLoginService;
  readonly accounts: AccountLookup;
  readonly mailboxes: MailboxService;
  readonly folders: FolderService;
  readonly messages: MessageService;
  readonly notifier: ChangeNotifier;
  readonly quota: QuotaService;
  readonly acl: FolderAclService;
  readonly blobs: BlobStore;
  readonly reads: ImapMessageRepository;
  /** The folders sessions have open, in memory (SELECT, STATUS and FETCH read them from it). */
  readonly index: ImapFolderIndex;
  readonly publicFolders: PublicFolderService;
  /** Where a public folder's items are kept (IMAP's shared namespace reads and writes them there). */
  readonly publicContent: Pick<PublicFolderDelivery, 'contentFolderOf' | 'openContentFolder'>;
  /** Which public folder store holds a folder's items. */
  readonly publicStores: Pick<PublicFolderPostingService, 'homeStore'>;
}
