import { Inject, Module, type DynamicModule, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { FolderAclRepository } from './acl/folder-acl.repository';
import { FolderAclService } from './acl/folder-acl.service';
import { BlobGcService } from './blobs/blob-gc.service';
import { BLOB_STORE, type BlobStore } from './blobs/blob-store';
import { blobRoot } from './blobs/blob-root';
import { FsBlobStore } from './blobs/fs-blob-store';
import { StoreBlobRepository } from './blobs/store-blob.repository';
import { STORE_CLOCK, SYSTEM_CLOCK, type Clock } from './common/clock';
import { GroupCommit } from './common/group-commit';
import { MAILBOX_DELIVERY } from './delivery/mailbox-delivery.port';
import { MailboxDeliveryService } from './delivery/mailbox-delivery.service';
import { PUBLIC_FOLDER_DELIVERY } from './delivery/public-folder-delivery.port';
import { OwnerLookupBatcher } from './directory/owner-lookup.batcher';
import { StoreDirectoryRepository } from './directory/store-directory.repository';
import { FolderRepository } from './folders/folder.repository';
import { FolderService } from './folders/folder.service';
import { ChangeJournalRepository } from './journal/change-journal.repository';
import { JOURNAL_RETENTION_DAYS, journalRetentionDays } from './journal/journal-retention';
import { MailboxRepository } from './mailboxes/mailbox.repository';
import { MailboxService } from './mailboxes/mailbox.service';
import { AppendBatcher } from './messages/append-batcher';
import { ExpungeBatcher } from './messages/expunge.batcher';
import { FlagChangeBatcher } from './messages/flag-change.batcher';
import { MessageRepository } from './messages/message.repository';
import { MessageSearchRepository } from './messages/message-search.repository';
import { MessageSearchService } from './messages/message-search.service';
import { MessageService } from './messages/message.service';
import { MessageSummaryCache } from './messages/message-summary.cache';
import { ChangeNotifier } from './notify/change-notifier';
import { STORE_NOTIFICATION_LISTENER } from './notify/notification-listener';
import { PgNotificationListener } from './notify/pg-notification.listener';
import { PgliteNotificationListener, type PgliteNotificationSource } from './notify/pglite-notification.listener';
import { PublicFolderContentRepository } from './public-folders/public-folder-content.repository';
import { QuotaService } from './quota/quota.service';
import { RetentionService } from './retention/retention.service';
import { StoreMaintenanceService } from './retention/store-maintenance.service';
import { SearchIndexer } from './messages/search-indexer.service';
import { MailboxStatsService } from './stats/mailbox-stats.service';

export interface StoreModuleOptions {
  /** ESTAFETTE_DATA_DIR; blobs go under `<dataDir>/blobs`. Null (in-memory database): a per-process temp dir. */
  dataDir: string | null;
  /** DATABASE_URL: LISTEN runs on a dedicated PostgreSQL connection. Unset: on the PGlite instance. */
  databaseUrl?: string;
  /** The notifications of the PGlite behind a DataSource (apps/server's pglite pool), for LISTEN without PostgreSQL. */
  pglite?: (dataSource: DataSource) => Promise<PgliteNotificationSource> | undefined;
  /** The store's clock (retention, quota warnings, internal dates); the system clock by default. */
  clock?: Clock;
  /** Days the change journal is kept; default ESTAFETTE_JOURNAL_RETENTION_DAYS, else 30. */
  journalRetentionDays?: number;
}

const REPOSITORIES: Provider[] = [
  ChangeJournalRepository,
  FolderAclRepository,
  FolderRepository,
  MailboxRepository,
  MessageRepository,
  MessageSearchRepository,
  PublicFolderContentRepository,
  StoreBlobRepository,
  StoreDirectoryRepository,
];

const SERVICES: Provider[] = [
  AppendBatcher,
  FlagChangeBatcher,
  ExpungeBatcher,
  OwnerLookupBatcher,
  BlobGcService,
  ChangeNotifier,
  FolderAclService,
  FolderService,
  MailboxDeliveryService,
  MailboxService,
  MailboxStatsService,
  MessageSearchService,
  MessageService,
  MessageSummaryCache,
  QuotaService,
  RetentionService,
  SearchIndexer,
  StoreMaintenanceService,
];

/**
 * The mail store: mailboxes, folders, messages, blobs, quotas, retention and change notification. Global,
 * so the transport and the protocol listeners inject BLOB_STORE, MAILBOX_DELIVERY and the services without
 * importing it.
 */
@Module({})
export class StoreModule implements OnModuleDestroy {
  constructor(@Inject(BLOB_STORE) private readonly blobs: BlobStore) {}

  /** The blob store's writer threads and open directories are let go with the application. */
  async onModuleDestroy(): Promise<void> {
    await this.blobs.close?.();
  }

  static forRoot(options: StoreModuleOptions): DynamicModule {
    const root = blobRoot(options.dataDir);
    const providers: Provider[] = [
      ...REPOSITORIES,
      ...SERVICES,
      // The store's own group commit (AppendBatcher); the transport provides its own instance.
      GroupCommit,
      { provide: BLOB_STORE, useFactory: () => new FsBlobStore(root) },
      { provide: STORE_CLOCK, useValue: options.clock ?? SYSTEM_CLOCK },
      { provide: JOURNAL_RETENTION_DAYS, useValue: options.journalRetentionDays ?? journalRetentionDays() },
      { provide: MAILBOX_DELIVERY, useExisting: MailboxDeliveryService },
      { provide: PUBLIC_FOLDER_DELIVERY, useExisting: MailboxDeliveryService },
      {
        provide: STORE_NOTIFICATION_LISTENER,
        inject: [getDataSourceToken()],
        useFactory: (dataSource: DataSource) =>
          options.databaseUrl
            ? new PgNotificationListener(options.databaseUrl)
            : new PgliteNotificationListener(dataSource, () => options.pglite?.(dataSource)),
      },
    ];
    return {
      module: StoreModule,
      global: true,
      providers,
      exports: [BLOB_STORE, STORE_CLOCK, MAILBOX_DELIVERY, PUBLIC_FOLDER_DELIVERY, ...SERVICES],
    };
  }
}
