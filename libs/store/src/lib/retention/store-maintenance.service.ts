import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { BlobGcService } from '../blobs/blob-gc.service';
import { BLOB_STORE, type BlobStore } from '../blobs/blob-store';
import { FsBlobStore } from '../blobs/fs-blob-store';
import { STORE_CLOCK, type Clock } from '../common/clock';
import { RetentionService } from './retention.service';

const HOUR_MS = 3600 * 1000;

/** Runs retention purge, change journal pruning and blob garbage collection every hour, the first time ten minutes after start. */
@Injectable()
export class StoreMaintenanceService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('StoreMaintenance');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly retention: RetentionService,
    private readonly gc: BlobGcService,
    @Inject(BLOB_STORE) private readonly blobStore: BlobStore,
    @Inject(STORE_CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setTimeout(() => this.tick(), 10 * 60 * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One maintenance pass; also what an administrator's "run now" would call. */
  async runOnce(): Promise<void> {
    const now = this.clock.now();
    const purged = await this.retention.purgeExpired(now);
    const mailboxes = await this.retention.purgeDisconnectedMailboxes(now);
    const journal = await this.retention.pruneJournal(now);
    const publicFolders = await this.retention.purgeDetachedPublicFolders();
    const { unreferenced, orphans } = await this.gc.collect(now);
    const temporary =
      this.blobStore instanceof FsBlobStore ? await this.blobStore.removeStaleTemporaryFiles(now, HOUR_MS) : 0;
    if (purged + mailboxes + journal + publicFolders + unreferenced + orphans + temporary > 0) {
      this.logger.log(
        `purged ${purged} messages past retention, ${mailboxes} disconnected mailboxes, ${journal} journal rows, ` +
          `the content of ${publicFolders} deleted public folders; ` +
          `removed ${unreferenced} unreferenced blobs, ${orphans} orphans, ${temporary} temporary files`,
      );
    }
  }

  private tick(): void {
    this.running = this.runOnce()
      .catch((error: Error) => this.logger.error(`store maintenance failed: ${error.message}`))
      .finally(() => {
        this.running = null;
        if (this.timer) {
          this.timer = setTimeout(() => this.tick(), HOUR_MS);
          this.timer.unref();
        }
      });
  }
}
