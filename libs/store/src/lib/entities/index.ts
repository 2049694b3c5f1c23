import { FolderAclEntity } from './folder-acl.entity';
import { FolderChangeEntity } from './folder-change.entity';
import { FolderEntity } from './folder.entity';
import { FolderUnsubscriptionEntity } from './folder-unsubscription.entity';
import { MailboxEntity } from './mailbox.entity';
import { MessageEntity } from './message.entity';
import { MessageFulltextEntity } from './message-fulltext.entity';
import { StoreBlobEntity } from './store-blob.entity';

export {
  FolderAclEntity,
  FolderChangeEntity,
  FolderEntity,
  FolderUnsubscriptionEntity,
  MailboxEntity,
  MessageEntity,
  MessageFulltextEntity,
  StoreBlobEntity,
};
export type { FolderChangeKind } from './folder-change.entity';

export const STORE_ENTITIES = [
  FolderAclEntity,
  FolderChangeEntity,
  FolderEntity,
  FolderUnsubscriptionEntity,
  MailboxEntity,
  MessageEntity,
  MessageFulltextEntity,
  StoreBlobEntity,
];
