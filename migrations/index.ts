import { Organisation1764300000000 } from './1764300000000-organisation';
import { Recipients1764300000100 } from './1764300000100-recipients';
import { PoliciesListsFolders1764300000200 } from './1764300000200-policies-lists-folders';
import { Security1764300000300 } from './1764300000300-security';
import { AddressBookIndexes1764300003001 } from './1764300003001-address-book-indexes';
import { DkimKeys1764300200000 } from './1764300200000-dkim-keys';
import { ServerCertificates1764300200100 } from './1764300200100-server-certificates';
import { TransportQueue1764300300000 } from './1764300300000-transport-queue';
import { MessageTracking1764300300100 } from './1764300300100-message-tracking';
import { Mailbox1764300100001 } from './1764300100001-mailbox';
import { Folder1764300100002 } from './1764300100002-folder';
import { StoreBlob1764300100003 } from './1764300100003-store-blob';
import { Message1764300100004 } from './1764300100004-message';
import { FolderChange1764300100005 } from './1764300100005-folder-change';
import { MessageSearch1764300100006 } from './1764300100006-message-search';
import { FolderAcl1764300400000 } from './1764300400000-folder-acl';
import { SmtpAnonymousAccess1764300500000 } from './1764300500000-smtp-anonymous-access';
import { MessageDeliveryKey1764300500100 } from './1764300500100-message-delivery-key';
import { FolderJournalFloor1764300500200 } from './1764300500200-folder-journal-floor';
import { Pop3MaildropLock1764300600000 } from './1764300600000-pop3-maildrop-lock';
import { DeferredSearchIndex1764300700000 } from './1764300700000-deferred-search-index';
import { MessageFulltext1764300800000 } from './1764300800000-message-fulltext';
import { FolderListNotify1764300800100 } from './1764300800100-folder-list-notify';
import { FolderUnsubscription1764300900000 } from './1764300900000-folder-unsubscription';
import { MessageFlagIndexes1764301000000 } from './1764301000000-message-flag-indexes';
import { FolderVisibilityNotify1764301200000 } from './1764301200000-folder-visibility-notify';
import { QueueDelayIndex1764301100000 } from './1764301100000-queue-delay-index';
import { PublicFolderContent1764300500300 } from './1764300500300-public-folder-content';
import { PublicFolderContentRelease1764300500400 } from './1764300500400-public-folder-content-release';

/** Every migration, in the order they run. Append only: a landed migration is never edited. */
export const MIGRATIONS = [
  Organisation1764300000000,
  Recipients1764300000100,
  PoliciesListsFolders1764300000200,
  Security1764300000300,
  AddressBookIndexes1764300003001,
  DkimKeys1764300200000,
  ServerCertificates1764300200100,
  TransportQueue1764300300000,
  MessageTracking1764300300100,
  Mailbox1764300100001,
  Folder1764300100002,
  StoreBlob1764300100003,
  Message1764300100004,
  FolderChange1764300100005,
  MessageSearch1764300100006,
  FolderAcl1764300400000,
  SmtpAnonymousAccess1764300500000,
  MessageDeliveryKey1764300500100,
  FolderJournalFloor1764300500200,
  Pop3MaildropLock1764300600000,
  PublicFolderContent1764300500300,
  PublicFolderContentRelease1764300500400,
  DeferredSearchIndex1764300700000,
  MessageFulltext1764300800000,
  FolderListNotify1764300800100,
  FolderUnsubscription1764300900000,
  MessageFlagIndexes1764301000000,
  QueueDelayIndex1764301100000,
  FolderVisibilityNotify1764301200000,
];
