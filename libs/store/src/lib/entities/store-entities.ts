// The store's entity classes, one export each: index.ts re-exports them and lists them for TypeORM.
export { FolderAclEntity } from './folder-acl.entity';
export { FolderChangeEntity } from './folder-change.entity';
export { FolderEntity } from './folder.entity';
export { FolderUnsubscriptionEntity } from './folder-unsubscription.entity';
export { MailboxEntity } from './mailbox.entity';
export { MessageEntity } from './message.entity';
export { MessageFulltextEntity } from './message-fulltext.entity';
export { StoreBlobEntity } from './store-blob.entity';
