import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { STORE_CLOCK, type Clock } from '../common/clock';
import { StoreDirectoryRepository } from '../directory/store-directory.repository';
import { BLOB_STORE, type BlobStore } from './blob-store';
import { storeNamespace } from './blob-namespace';
import { StoreBlobRepository } from './store-blob.repository';

/** A file without a row is an orphan once older than this: a delivery links its file before it commits. */
export const ORPHAN_GRACE_MS = 3600 * 1000;
const BATCH = 500;

/**
 * Garbage collection of store blobs. Rows whose refcount reached zero are deleted together with their
 * files, the files removed before the deleting transaction commits: a delivery that wants the same blob
 * waits on the row lock and links the file again afterwards. Files of a store namespace without a row
 * (a crash between link and commit) are removed once older than an hour, each under a row of its own.
 */
@Injectable()
export class BlobGcService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BLOB_STORE) private readonly blobStore: BlobStore,
    @Inject(STORE_CLOCK) private readonly clock: Clock,
    private readonly blobs: StoreBlobRepository,
    private readonly directory: StoreDirectoryRepository,
  ) {}

  async collect(now: Date = this.clock.now()): Promise<{ unreferenced: number; orphans: number }> {
    let unreferenced = 0;
    for (;;) {
      const batch = await this.db.transaction(async (manager) => {
        const rows = await this.blobs.deleteUnreferenced(manager, BATCH);
        for (const row of rows) await this.blobStore.delete(storeNamespace(row.storeId), row.sha256);
        return rows.length;
      });
      unreferenced += batch;
      if (batch < BATCH) break;
    }
    return { unreferenced, orphans: await this.collectOrphans(now) };
  }

  /**
   * Removes an orphan's file under a row of its own. A delivery of the same message may have taken a
   * reference since the sweep looked: then the row exists and the file stays. One that comes later waits
   * for this transaction and finds the file gone (a delivery links it again from the queue).
   */
  private removeOrphan(storeId: string, sha256: string, size: number): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      if (!(await this.blobs.holdAbsent(manager, storeId, sha256, size))) return false;
      await this.blobStore.delete(storeNamespace(storeId), sha256);
      await this.blobs.dropHold(manager, storeId, sha256);
      return true;
    });
  }

  private async collectOrphans(now: Date): Promise<number> {
    let removed = 0;
    const storeIds = await this.db.transaction((manager) => this.directory.storeIds(manager));
    for (const storeId of storeIds) {
      const namespace = storeNamespace(storeId);
      let batch: string[] = [];
      const sweep = async (): Promise<void> => {
        const known = await this.db.transaction((manager) => this.blobs.known(manager, storeId, batch));
        for (const sha256 of batch) {
          if (known.has(sha256)) continue;
          const stat = await this.blobStore.stat(namespace, sha256);
          if (!stat || now.getTime() - stat.changedAt.getTime() <= ORPHAN_GRACE_MS) continue;
          if (await this.removeOrphan(storeId, sha256, stat.size)) removed += 1;
        }
        batch = [];
      };
      for await (const sha256 of this.blobStore.list(namespace)) {
        batch.push(sha256);
        if (batch.length >= BATCH) await sweep();
      }
      if (batch.length > 0) await sweep();
    }
    return removed;
  }
}
