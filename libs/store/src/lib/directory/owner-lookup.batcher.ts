import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { GroupCommit, type MergedWork } from '../common/group-commit';
import {
  StoreDirectoryRepository,
  type OwnerAndMailbox,
  type OwnerAndMailboxOptions,
} from './store-directory.repository';

interface OwnerLookup {
  recipientId: string;
  options: OwnerAndMailboxOptions;
}

/**
 * Owner-and-mailbox look-ups outside a transaction that arrive together (the concurrent local deliveries of
 * a queue run, the APPENDs and quota checks of many sessions) go to the database as one statement
 * (StoreDirectoryRepository.findOwnersAndMailboxes): under load PGlite runs one statement at a time, and a
 * look-up per delivery cost a quarter of a millisecond, most of it the statement's own overhead. Its own
 * GroupCommit, so that a look-up never queues behind a batch of appends: one look-up statement in flight at
 * a time, the next one gathering what arrives meanwhile; a lone look-up waits one turn of the event loop.
 */
@Injectable()
export class OwnerLookupBatcher {
  private readonly group: GroupCommit;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly directory: StoreDirectoryRepository,
  ) {
    this.group = new GroupCommit(db);
  }

  /** What findOwnerAndMailbox answers (null: no such recipient), read without a transaction. */
  find(recipientId: string, options: OwnerAndMailboxOptions = {}): Promise<OwnerAndMailbox | null> {
    return this.group.runStatement(this.lookup, { recipientId, options });
  }

  private readonly lookup: MergedWork<OwnerLookup, OwnerAndMailbox | null> = async (manager, batch) =>
    batch.length === 1
      ? [await this.directory.findOwnerAndMailbox(manager, batch[0].recipientId, batch[0].options)]
      : this.directory.findOwnersAndMailboxes(manager, batch);
}
