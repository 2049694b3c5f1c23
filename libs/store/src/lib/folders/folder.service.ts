import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { FolderAclRepository } from '../acl/folder-acl.repository';
import { StoreBlobRepository } from '../blobs/store-blob.repository';
import { MailboxService } from '../mailboxes/mailbox.service';
import { MessageRepository } from '../messages/message.repository';
import { ChangeNotifier } from '../notify/change-notifier';
import { storeUnavailable } from '../common/store-access';
import { DEFAULT_FOLDERS, specialUseAttribute, type FolderRole } from './folder-role';
import { FolderRepository, type FolderAccess, type FolderRow } from './folder.repository';

/** The hierarchy delimiter of folder paths (IMAP LIST shows it). */
export const FOLDER_DELIMITER = '/';

export interface FolderView {
  id: string;
  parentId: string | null;
  name: string;
  /** Full path from the top, joined with "/". */
  path: string;
  role: FolderRole | null;
  /** RFC 6154 attribute (\Sent, \Drafts, \Trash, \Junk) or null. */
  specialUse: string | null;
  uidvalidity: number;
  uidnext: number;
  highestModseq: number;
  messageCount: number;
  sizeBytes: number;
  subscribed: boolean;
}

const ROLE_ORDER = new Map(DEFAULT_FOLDERS.map((f, i) => [f.role, i]));

/** A database error with this SQLSTATE (23505 unique violation, 23503 foreign key violation). */
function hasSqlState(error: unknown, code: string): boolean {
  return (
    error instanceof QueryFailedError &&
    (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === code
  );
}

function isUniqueViolation(error: unknown): boolean {
  return hasSqlState(error, '23505');
}

/** Default folders first in Exchange's order, then the user's folders by path. */
export function toFolderViews(rows: readonly FolderRow[]): FolderView[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pathOf = (row: FolderRow): string => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let r: FolderRow | undefined = row; r && !seen.has(r.id); r = r.parentId ? byId.get(r.parentId) : undefined) {
      seen.add(r.id);
      names.unshift(r.name);
    }
    return names.join(FOLDER_DELIMITER);
  };
  return rows
    .map((r) => ({
      id: r.id,
      parentId: r.parentId,
      name: r.name,
      path: pathOf(r),
      role: r.role,
      specialUse: specialUseAttribute(r.role),
      uidvalidity: r.uidvalidity,
      uidnext: r.uidnext,
      highestModseq: r.highestModseq,
      messageCount: r.messageCount,
      sizeBytes: r.sizeBytes,
      subscribed: r.subscribed,
    }))
    .sort((a, b) => {
      const ra = a.role && a.parentId === null ? (ROLE_ORDER.get(a.role) ?? 99) : 99;
      const rb = b.role && b.parentId === null ? (ROLE_ORDER.get(b.role) ?? 99) : 99;
      if (ra !== rb) return ra - rb;
      const pa = a.path.toLowerCase();
      const pb = b.path.toLowerCase();
      return pa < pb ? -1 : pa > pb ? 1 : 0;
    });
}

function validName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 255)
    throw new BadRequestException('a folder name must have between 1 and 255 characters');
  if (trimmed.includes(FOLDER_DELIMITER))
    throw new BadRequestException(`a folder name cannot contain "${FOLDER_DELIMITER}", the hierarchy delimiter`);
  return trimmed;
}

/**
 * Folders of a mailbox: list, create (nested), rename or move, delete. The default folders keep their names
 * and cannot be deleted, as in Outlook; deleting a folder deletes its subfolders and their messages.
 */
@Injectable()
export class FolderService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailboxes: MailboxService,
    private readonly folders: FolderRepository,
    private readonly messages: MessageRepository,
    private readonly blobs: StoreBlobRepository,
    private readonly acl: FolderAclRepository,
    private readonly notifier: ChangeNotifier,
  ) {}

  /** Runs a change of the folder list and, once it is committed, tells those who keep lists in this process. */
  private async listChange<T>(change: Promise<T>): Promise<T> {
    const result = await change;
    this.notifier.folderListChanged();
    return result;
  }

  async list(recipientId: string): Promise<FolderView[]> {
    // An existing mailbox is one statement without a transaction; the first use creates it in one.
    const existing = await this.folders.listByRecipient(this.db.manager, recipientId);
    if (existing) {
      if (!existing.mounted) throw storeUnavailable(existing.storeName);
      return toFolderViews(existing.rows);
    }
    return this.db.transaction(async (manager) => {
      const { mailbox } = await this.mailboxes.ensureIn(manager, recipientId);
      return toFolderViews(await this.folders.listByMailbox(manager, mailbox.id));
    });
  }

  /** The folder of a role (inbox, sent, …) of a recipient's mailbox. */
  byRole(recipientId: string, role: FolderRole): Promise<FolderView> {
    return this.db.transaction(async (manager) => {
      const { mailbox } = await this.mailboxes.ensureIn(manager, recipientId);
      const views = toFolderViews(await this.folders.listByMailbox(manager, mailbox.id));
      const found = views.find((v) => v.role === role);
      if (!found) throw new NotFoundException(`the mailbox has no ${role} folder`);
      return found;
    });
  }

  async create(recipientId: string, name: string, parentId: string | null = null): Promise<FolderView> {
    const folderName = validName(name);
    return this.listChange(
      this.db.transaction(async (manager) => {
        const { mailbox } = await this.mailboxes.ensureIn(manager, recipientId);
        if (parentId !== null) await this.owned(manager, recipientId, parentId);
        const row = await this.folders.insert(manager, mailbox.id, parentId, folderName).catch((e: unknown) => {
          if (isUniqueViolation(e)) throw new ConflictException(`a folder named "${folderName}" already exists there`);
          throw e;
        });
        if (parentId !== null) await this.acl.inherit(manager, parentId, row.id);
        await this.folders.journal(manager, row.id, row.highestModseq, 'folder', null);
        await this.folders.notify(manager, row.id, row.highestModseq);
        return this.view(manager, mailbox.id, row.id);
      }),
    );
  }

  /** Renames a folder, or moves it under another parent (null: to the top). */
  async rename(recipientId: string, folderId: string, name: string, parentId?: string | null): Promise<FolderView> {
    const folderName = validName(name);
    return this.listChange(
      this.db.transaction(async (manager) => {
        const folder = await this.owned(manager, recipientId, folderId);
        if (folder.role !== null)
          throw new BadRequestException(`"${folder.name}" is a default folder and cannot be renamed`);
        const newParent = parentId === undefined ? folder.parentId : parentId;
        if (newParent !== null) {
          await this.owned(manager, recipientId, newParent);
          if ((await this.folders.subtreeIds(manager, folderId)).includes(newParent))
            throw new BadRequestException('a folder cannot be moved into itself or one of its subfolders');
        }
        const modseq = await this.folders.rename(manager, folderId, newParent, folderName).catch((e: unknown) => {
          if (isUniqueViolation(e)) throw new ConflictException(`a folder named "${folderName}" already exists there`);
          throw e;
        });
        await this.folders.journal(manager, folderId, modseq, 'folder', null);
        await this.folders.notify(manager, folderId, modseq);
        return this.view(manager, folder.mailboxId, folderId);
      }),
    );
  }

  /** Deletes a folder with its subfolders and their messages; blob references are released. */
  delete(recipientId: string, folderId: string): Promise<void> {
    return this.listChange(
      this.db.transaction(async (manager) => {
        const folder = await this.owned(manager, recipientId, folderId);
        if (folder.role !== null)
          throw new BadRequestException(`"${folder.name}" is a default folder and cannot be deleted`);
        const ids = await this.folders.subtreeIds(manager, folderId);
        const all = await this.folders.listByMailbox(manager, folder.mailboxId);
        if (all.some((f) => ids.includes(f.id) && f.role !== null))
          throw new BadRequestException('the folder holds a default folder and cannot be deleted');
        await this.blobs.releaseReferences(manager, await this.messages.deleteInFolders(manager, ids));
        await this.folders.deleteAll(manager, ids);
        // Modseq 0: the folder is gone; listeners refresh their folder list.
        for (const id of ids) await this.folders.notify(manager, id, 0);
      }),
    );
  }

  setSubscribed(recipientId: string, folderId: string, subscribed: boolean): Promise<void> {
    return this.listChange(
      this.db.transaction(async (manager) => {
        await this.owned(manager, recipientId, folderId);
        await this.folders.setSubscribed(manager, folderId, subscribed);
      }),
    );
  }

  /**
   * Subscribes a user to, or unsubscribes them from, a folder that is not theirs (one shared with them, a
   * public folder): such folders count as subscribed until the user says otherwise. Whether the user may
   * see the folder is the caller's to check (public folders' rights come from the directory's roles).
   */
  async setSubscribedElsewhere(recipientId: string, folderId: string, subscribed: boolean): Promise<void> {
    try {
      await this.folders.setUnsubscribed(this.db.manager, recipientId, folderId, !subscribed);
    } catch (error) {
      // The folder (or the user) is gone: a foreign key violation.
      if (hasSqlState(error, '23503')) throw new NotFoundException(`folder ${folderId} does not exist`);
      throw error;
    }
  }

  /** The folders of others and public folders the user unsubscribed from. */
  async unsubscribedElsewhere(recipientId: string): Promise<Set<string>> {
    return new Set(await this.folders.unsubscribedBy(this.db.manager, recipientId));
  }

  /** A folder of the recipient's mailbox, its store mounted; 404 for anything else. */
  private async owned(manager: EntityManager, recipientId: string, folderId: string): Promise<FolderAccess> {
    const folder = await this.folders.findAccess(manager, folderId);
    if (!folder || folder.recipientId !== recipientId) throw new NotFoundException(`folder ${folderId} does not exist`);
    if (!folder.mounted) await this.mailboxes.assertMounted(manager, folder.informationStoreId);
    return folder;
  }

  private async view(manager: EntityManager, mailboxId: string, folderId: string): Promise<FolderView> {
    const views = toFolderViews(await this.folders.listByMailbox(manager, mailboxId));
    const found = views.find((v) => v.id === folderId);
    if (!found) throw new NotFoundException(`folder ${folderId} does not exist`);
    return found;
  }
}
