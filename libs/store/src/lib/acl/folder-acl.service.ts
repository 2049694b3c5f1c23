import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FolderRepository, type FolderAccess } from '../folders/folder.repository';
import { toFolderViews } from '../folders/folder.service';
import { MailboxService } from '../mailboxes/mailbox.service';
import { ChangeNotifier } from '../notify/change-notifier';
import { FolderAclRepository } from './folder-acl.repository';
import { applyRightsChange, InvalidRightsError, OWNER_RIGHTS, unionRights } from './folder-rights';

/** One line of a folder's access control list; the owner comes first with every right. */
export interface FolderAclEntry {
  /** The grantee recipient, or null for "anyone" (every authenticated user). */
  granteeId: string | null;
  granteeAlias: string | null;
  granteeAddress: string | null;
  rights: string;
  owner: boolean;
}

/** Folders whose owner and store are kept; beyond this the whole map is dropped and read again. */
const MAX_KEPT_OWNERS = 20_000;

/** A folder of someone else's mailbox that a user may see, with the rights the user holds there. */
export interface SharedFolder {
  folderId: string;
  ownerId: string;
  ownerAlias: string;
  ownerAddress: string | null;
  /** The folder's path inside the owner's mailbox ("Inbox", "Projects/2026"). */
  path: string;
  rights: string;
}

/**
 * Folder permissions of mailboxes (RFC 4314 ACL, Outlook's folder permissions and delegate access). The
 * owner always holds every right. Someone without the "l" right on a folder is told it does not exist,
 * so that permissions do not reveal folder names (RFC 4314 §6); changing permissions needs "a".
 */
@Injectable()
export class FolderAclService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly folders: FolderRepository,
    private readonly acl: FolderAclRepository,
    private readonly mailboxes: MailboxService,
    private readonly notifier: ChangeNotifier,
  ) {
    notifier.folderListChanges.subscribe(() => this.forgetOwners());
  }

  /**
   * Whose each folder is and in which store, as rightsOf last read it. IMAP asks for the rights of the
   * selected folder at every command; its owner changes only when the folder is deleted or its mailbox
   * moves, which is announced as a folder list change (FolderService at once in this process, the
   * trigger of migration 1764300800100 to every process), and then everything kept is read again. A
   * folder is kept only while its store is mounted: a mount or a dismount is a folder list change too
   * (the same trigger; the API announces it at once in its own process), so a dismount still shows at the
   * next command.
   */
  private readonly owners = new Map<string, { recipientId: string | null }>();
  private ownersGeneration = 0;

  private forgetOwners(): void {
    this.ownersGeneration++;
    this.owners.clear();
  }

  /**
   * The rights `userId` holds on a folder: every right for the owner, the union of grants otherwise. A
   * folder of a dismounted store answers with the store's temporary error, as every other use of it.
   */
  async rightsOf(userId: string, folderId: string): Promise<string> {
    // A read: no transaction (on PGlite BEGIN and COMMIT would be two more statements per IMAP command).
    const manager = this.db.manager;
    const kept = this.owners.get(folderId);
    if (kept) {
      if (kept.recipientId === userId) return OWNER_RIGHTS;
      return unionRights(...(await this.acl.grantsFor(manager, folderId, userId)));
    }
    const generation = this.ownersGeneration;
    const folder = await this.folders.findAccess(manager, folderId);
    if (!folder) throw new NotFoundException(`folder ${folderId} does not exist`);
    if (!folder.mounted) await this.mailboxes.assertMounted(manager, folder.informationStoreId);
    // Kept only if its store was mounted when read and no change was announced while it was read.
    if (folder.mounted && generation === this.ownersGeneration) {
      if (this.owners.size >= MAX_KEPT_OWNERS) this.owners.clear();
      this.owners.set(folderId, { recipientId: folder.recipientId });
    }
    return this.rightsIn(manager, folder, userId);
  }

  /** The access control list of a folder (RFC 4314 GETACL needs the "a" right). */
  list(actorId: string, folderId: string): Promise<FolderAclEntry[]> {
    return this.db.transaction(async (manager) => {
      const folder = await this.administered(manager, actorId, folderId);
      const owner = await this.acl.ownerOf(manager, folderId);
      const rows = await this.acl.list(manager, folderId);
      return [
        {
          granteeId: folder.recipientId,
          granteeAlias: owner?.alias ?? null,
          granteeAddress: owner?.address ?? null,
          rights: OWNER_RIGHTS,
          owner: true,
        },
        ...rows.map((r) => ({ ...r, owner: false })),
      ];
    });
  }

  /**
   * Changes one grantee's rights on a folder ("+rw" adds, "-w" removes, "lr" replaces; "" removes the
   * grant) and answers the rights the grantee now holds. `wholeMailbox` applies it to every folder of the
   * mailbox, which is how a mailbox is shared with a delegate.
   */
  async change(
    actorId: string,
    folderId: string,
    granteeId: string | null,
    change: string,
    wholeMailbox = false,
  ): Promise<string> {
    const rights = await this.db.transaction(async (manager) => {
      const folder = await this.administered(manager, actorId, folderId);
      if (granteeId !== null && granteeId === folder.recipientId)
        throw new BadRequestException("the owner's rights on their own mailbox cannot be changed");
      const current = unionRights(
        ...(await this.acl.list(manager, folderId)).filter((r) => r.granteeId === granteeId).map((r) => r.rights),
      );
      let rights: string;
      try {
        rights = applyRightsChange(current, change);
      } catch (error) {
        if (error instanceof InvalidRightsError) throw new BadRequestException(error.message);
        throw error;
      }
      const targets = wholeMailbox
        ? (await this.folders.listByMailbox(manager, folder.mailboxId)).map((f) => f.id)
        : [folderId];
      if (rights === '') await this.acl.remove(manager, targets, granteeId);
      else await this.acl.upsert(manager, targets, granteeId, rights);
      return rights;
    });
    // Who keeps what others may see (IMAP's "Other Users/…") reads it again: at once in this process, the
    // database trigger tells the others (and this one, a moment later on PostgreSQL).
    this.notifier.folderListChanged();
    return rights;
  }

  /** Folders of other mailboxes that `userId` may see, for the IMAP other-users namespace and the webmail. */
  async sharedWith(userId: string): Promise<SharedFolder[]> {
    const manager = this.db.manager;
    const grants = (await this.acl.visibleTo(manager, userId)).filter((g) => g.rights.includes('l'));
    const paths = new Map<string, string>();
    for (const mailboxId of new Set(grants.map((g) => g.mailboxId)))
      for (const view of toFolderViews(await this.folders.listByMailbox(manager, mailboxId)))
        paths.set(view.id, view.path);
    return grants
      .map((g) => ({
        folderId: g.folderId,
        ownerId: g.ownerId,
        ownerAlias: g.ownerAlias,
        ownerAddress: g.ownerAddress,
        path: paths.get(g.folderId) ?? '',
        rights: unionRights(g.rights),
      }))
      .sort((a, b) => a.ownerAlias.localeCompare(b.ownerAlias) || a.path.localeCompare(b.path));
  }

  private async rightsIn(manager: EntityManager, folder: FolderAccess, userId: string): Promise<string> {
    if (folder.recipientId === userId) return OWNER_RIGHTS;
    return unionRights(...(await this.acl.grantsFor(manager, folder.id, userId)));
  }

  /** The folder, if the actor may administer its permissions; not found when the actor may not even see it. */
  private async administered(manager: EntityManager, actorId: string, folderId: string): Promise<FolderAccess> {
    const folder = await this.folders.findAccess(manager, folderId);
    const rights = folder ? await this.rightsIn(manager, folder, actorId) : '';
    if (!folder || !rights.includes('l')) throw new NotFoundException(`folder ${folderId} does not exist`);
    if (!rights.includes('a')) throw new ForbiddenException('you may not change the permissions of this folder');
    if (!folder.mounted) await this.mailboxes.assertMounted(manager, folder.informationStoreId);
    return folder;
  }
}
