import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { StoreDirectoryRepository } from '../directory/store-directory.repository';
import type { FolderRole } from '../folders/folder-role';
import { FolderRepository } from '../folders/folder.repository';
import { toFolderViews } from '../folders/folder.service';
import { MailboxRepository } from '../mailboxes/mailbox.repository';
import { quotaState, type QuotaState } from '../quota/quota-state';

export interface MailboxFolderStats {
  /** Full path, "/"-separated. */
  name: string;
  role: FolderRole | null;
  itemCount: number;
  sizeBytes: number;
}

/** GET /api/mailboxes/:recipientId/stats (and `estafette mailbox stats ALIAS`). */
export interface MailboxStats {
  recipientId: string;
  alias: string;
  /** The store holding the mailbox (or the home store, when no mailbox exists yet); null without one. */
  store: { id: string; name: string; mounted: boolean } | null;
  /** False until the first delivery or logon creates the mailbox. */
  mailboxExists: boolean;
  folders: MailboxFolderStats[];
  totalItems: number;
  totalBytes: number;
  quotaState: QuotaState;
  lastLogonAt: string | null;
}

/**
 * Mailbox statistics for administrators, as ESM's Mailboxes view showed them: items and size per folder,
 * last logon. It reads metadata only, so it also answers for a mailbox on a dismounted store.
 */
@Injectable()
export class MailboxStatsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: StoreDirectoryRepository,
    private readonly mailboxes: MailboxRepository,
    private readonly folders: FolderRepository,
  ) {}

  stats(recipientId: string): Promise<MailboxStats> {
    return this.db.transaction(async (manager) => {
      const owner = await this.directory.findOwner(manager, recipientId);
      if (!owner) throw new NotFoundException(`recipient ${recipientId} does not exist`);
      const mailbox = await this.mailboxes.findByRecipient(manager, recipientId);
      if (!mailbox && (owner.kind !== 'user' || owner.homeStoreId === null))
        throw new NotFoundException(`recipient "${owner.alias}" has no mailbox`);
      const storeId = mailbox?.informationStoreId ?? owner.homeStoreId;
      const state = storeId ? await this.directory.storeState(manager, storeId) : null;
      const folders = mailbox ? toFolderViews(await this.folders.listByMailbox(manager, mailbox.id)) : [];
      const totalItems = folders.reduce((sum, f) => sum + f.messageCount, 0);
      const totalBytes = folders.reduce((sum, f) => sum + f.sizeBytes, 0);
      return {
        recipientId,
        alias: owner.alias,
        store: storeId && state ? { id: storeId, name: state.name, mounted: state.mounted } : null,
        mailboxExists: mailbox !== null,
        folders: folders.map((f) => ({
          name: f.path,
          role: f.role,
          itemCount: f.messageCount,
          sizeBytes: f.sizeBytes,
        })),
        totalItems,
        totalBytes,
        quotaState: quotaState(owner.limits, totalBytes),
        lastLogonAt: mailbox?.lastLogonAt?.toISOString() ?? null,
      };
    });
  }
}
