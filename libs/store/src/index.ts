export * from './lib/acl/folder-rights';
export { FolderAclService, type FolderAclEntry, type SharedFolder } from './lib/acl/folder-acl.service';
export * from './lib/blobs/blob-store';
export * from './lib/blobs/blob-namespace';
export { FsBlobStore } from './lib/blobs/fs-blob-store';
export { BlobGcService, ORPHAN_GRACE_MS } from './lib/blobs/blob-gc.service';
export * from './lib/common/clock';
export { GroupCommit, GROUP_COMMIT_MAX_UNITS, type CommitWork, type MergedWork } from './lib/common/group-commit';
export * from './lib/delivery/mailbox-delivery.port';
export { storeUnavailable } from './lib/common/store-access';
export { MailboxDeliveryService } from './lib/delivery/mailbox-delivery.service';
export * from './lib/delivery/public-folder-delivery.port';
export * from './lib/entities';
export * from './lib/folders/folder-role';
export { STORE_CHANNEL, type FolderRow } from './lib/folders/folder.repository';
export { FOLDER_DELIMITER, FolderService, type FolderView } from './lib/folders/folder.service';
export { MailboxService, type OpenMailbox } from './lib/mailboxes/mailbox.service';
export type { MailboxRow } from './lib/mailboxes/mailbox.repository';
export { normaliseFlags } from './lib/messages/message-flags';
export type { FilterContext, MessageFilter, MessageSortRow, SortAddress } from './lib/messages/message-filter';
export { MessageSearchService, type FilterResult } from './lib/messages/message-search.service';
export { SearchIndexer } from './lib/messages/search-indexer.service';
export { searchWords } from './lib/messages/search-words';
export type { DownloadItem, FlagOperation, MessageListItem } from './lib/messages/message.repository';
export {
  MessageService,
  type AppendRequest,
  type AppendResult,
  type JournalChange,
  type JournalSince,
} from './lib/messages/message.service';
export * from './lib/journal/journal-retention';
export { ChangeNotifier, parseStoreChange, type StoreChange } from './lib/notify/change-notifier';
export * from './lib/notify/notification-listener';
export { PgNotificationListener } from './lib/notify/pg-notification.listener';
export { PgliteNotificationListener, type PgliteNotificationSource } from './lib/notify/pglite-notification.listener';
export * from './lib/quota/quota-state';
export * from './lib/quota/quota-warning';
export { QuotaService, type QuotaStatus } from './lib/quota/quota.service';
export { MAILBOX_RETENTION_DAYS, RetentionService } from './lib/retention/retention.service';
export { StoreMaintenanceService } from './lib/retention/store-maintenance.service';
export { MailboxStatsService, type MailboxFolderStats, type MailboxStats } from './lib/stats/mailbox-stats.service';
export { StoreModule, type StoreModuleOptions } from './lib/store.module';
