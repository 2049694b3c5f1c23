import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BLOB_STORE, QUEUE_NAMESPACE, type BlobStore } from '@estafette/store';
import { TransportClock } from '../clock';
import { QueueRepository } from './queue.repository';

/** Queue blobs younger than this are never collected: their message may be committing right now. */
export const QUEUE_BLOB_GRACE_MS = 60 * 60_000;

/**
 * Removes blobs of the 'queue' namespace that no queued message uses: what a crash left between
 * writing a message and committing it, or between deleting a finished message and its blob.
 */
@Injectable()
export class QueueBlobGc {
  private readonly logger = new Logger('QueueBlobGc');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly clock: TransportClock,
    private readonly queue: QueueRepository,
  ) {}

  /** Returns how many blobs it removed. */
  async collect(): Promise<number> {
    const cutoff = this.clock.now().getTime() - QUEUE_BLOB_GRACE_MS;
    let removed = 0;
    let batch: string[] = [];
    const sweep = async () => {
      const used = new Set(await this.queue.referencedBlobs(this.db.manager, batch));
      for (const sha256 of batch) {
        if (used.has(sha256)) continue;
        const stat = await this.blobs.stat(QUEUE_NAMESPACE, sha256);
        if (!stat || stat.changedAt.getTime() > cutoff) continue;
        await this.blobs.delete(QUEUE_NAMESPACE, sha256);
        removed += 1;
      }
      batch = [];
    };
    for await (const sha256 of this.blobs.list(QUEUE_NAMESPACE)) {
      batch.push(sha256);
      if (batch.length >= 500) await sweep();
    }
    if (batch.length > 0) await sweep();
    if (removed > 0) this.logger.log(`removed ${removed} unused queue blob(s)`);
    return removed;
  }
}
