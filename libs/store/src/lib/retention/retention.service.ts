import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { StoreBlobRepository } from '../blobs/store-blob.repository';
import { STORE_CLOCK, type Clock } from '../common/clock';
import { FolderRepository } from '../folders/folder.repository';
import { ChangeJournalRepository } from '../journal/change-journal.repository';
import { JOURNAL_RETENTION_DAYS } from '../journal/journal-retention';
import { PublicFolderContentRepository } from '../public-folders/public-folder-content.repository';
import { MailboxRepository } from '../mailboxes/mailbox.repository';
import { MessageRepository } from '../messages/message.repository';

/** Exchange kept a disconnected mailbox (its user deleted) for 30 days by default. */
export const MAILBOX_RETENTION_DAYS = 30;
const BATCH = 500;

/**
 * Deleted item retention: expunged messages stay recoverable for the store's retention period, then are
 * hard-deleted here and their blob references released. Disconnected mailboxes go after theirs, change
 * journal rows after the journal retention. Each batch is its own short transaction.
 */
@Injectable()
export class RetentionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(STORE_CLOCK) private readonly clock: Clock,
    private readonly messages: MessageRepository,
    private readonly blobs: StoreBlobRepository,
    private readonly mailboxes: MailboxRepository,
    private readonly folders: FolderRepository,
    private readonly journal: ChangeJournalRepository,
    private readonly publicContent: PublicFolderContentRepository,
    @Inject(JOURNAL_RETENTION_DAYS) private readonly journalRetentionDays: number,
  ) {}

  /** Purges messages whose retention ended; returns how many. */
  async purgeExpired(now: Date = this.clock.now()): Promise<number> {
    let purged = 0;
    for (;;) {
      const batch = await this.db.transaction(async (manager) => {
        const released = await this.messages.deleteExpired(manager, now, BATCH);
        await this.blobs.releaseReferences(manager, released);
        return released.reduce((sum, r) => sum + r.count, 0);
      });
      purged += batch;
      if (batch < BATCH) return purged;
    }
  }

  /**
   * Prunes the change journal: rows older than the journal retention go, batch by batch, and each folder
   * remembers the highest MODSEQ it lost (its journal floor). Appends and flag changes stay visible in the
   * messages' own MODSEQs; what the floor protects is the expunge history QRESYNC answers VANISHED from.
   */
  async pruneJournal(now: Date = this.clock.now()): Promise<number> {
    const before = new Date(now.getTime() - this.journalRetentionDays * 24 * 3600 * 1000);
    let pruned = 0;
    for (;;) {
      const batch = await this.db.transaction((manager) => this.journal.prune(manager, before, BATCH));
      pruned += batch;
      if (batch < BATCH) return pruned;
    }
  }

  /** Deletes the content of deleted public folders (their items and blob references); returns how many folders. */
  async purgeDetachedPublicFolders(): Promise<number> {
    let purged = 0;
    for (;;) {
      const batch = await this.db.transaction(async (manager) => {
        const ids = await this.publicContent.findDetached(manager, BATCH);
        if (ids.length === 0) return 0;
        await this.blobs.releaseReferences(manager, await this.messages.deleteInFolders(manager, ids));
        await this.folders.deleteAll(manager, ids);
        return ids.length;
      });
      purged += batch;
      if (batch < BATCH) return purged;
    }
  }

  /** Deletes mailboxes disconnected for longer than the mailbox retention, with their messages. */
  async purgeDisconnectedMailboxes(now: Date = this.clock.now()): Promise<number> {
    const before = new Date(now.getTime() - MAILBOX_RETENTION_DAYS * 24 * 3600 * 1000);
    await this.db.transaction((manager) => this.mailboxes.markDisconnected(manager, now));
    const ids = await this.db.transaction((manager) => this.mailboxes.findDisconnectedBefore(manager, before, BATCH));
    for (const id of ids) {
      await this.db.transaction(async (manager) => {
        const folderIds = (await this.folders.listByMailbox(manager, id)).map((f) => f.id);
        await this.blobs.releaseReferences(manager, await this.messages.deleteInFolders(manager, folderIds));
        await this.mailboxes.delete(manager, id);
      });
    }
    return ids.length;
  }
}
