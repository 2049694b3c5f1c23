import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreatePublicFolderRequest, PublicFolderDto, UpdatePublicFolderRequest } from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import type { PublicFolderEntity } from '../../entities/public-folder.entity';
import { permissionsForNewFolder } from './folder-permission-rules';
import { PublicFolderMailService } from './public-folder-mail.service';
import { childPath, toPublicFolderDto } from './public-folder.mapper';
import { PublicFolderPermissionRepository } from './public-folder-permission.repository';
import { PublicFolderRepository } from './public-folder.repository';
import { RecipientReferenceCheck } from './recipient-reference.check';

/**
 * The public folder hierarchy (names, places, mail-enabling); the contents of
 * folders belong to the store. Every folder lives below the root 'Public
 * Folders' made by setup, which itself cannot be renamed, moved or deleted.
 */
@Injectable()
export class PublicFolderService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly folders: PublicFolderRepository,
    private readonly permissions: PublicFolderPermissionRepository,
    private readonly mail: PublicFolderMailService,
    private readonly recipients: RecipientReferenceCheck,
    private readonly audit: AuditLogService,
  ) {}

  async root(): Promise<PublicFolderDto> {
    return this.view(await this.rootId());
  }

  /** Kept once found: setup makes the root, and it can be neither deleted nor moved (see update, delete). */
  private keptRootId: string | null = null;

  private async rootId(): Promise<string> {
    if (this.keptRootId) return this.keptRootId;
    const id = await this.folders.findRootId();
    if (!id) throw new NotFoundException('there is no public folder tree; the organisation has not been set up yet');
    this.keptRootId = id;
    return id;
  }

  get(id: string): Promise<PublicFolderDto> {
    return this.view(id);
  }

  /** The folders directly below `parentId` (below the root when omitted), by name. */
  async children(parentId?: string): Promise<PublicFolderDto[]> {
    // Below the root only its id is needed (its path is '/'): IMAP's LIST walks from there every time.
    const parent = parentId ? await this.view(parentId) : { id: await this.rootId(), path: '/' };
    const rows = await this.folders.findChildViews(parent.id);
    const permissions = await this.permissions.findByFolders(rows.map((r) => r.id));
    return rows.map((row) => toPublicFolderDto(row, childPath(parent.path, row.name), permissions.get(row.id) ?? []));
  }

  create(actor: Actor, request: CreatePublicFolderRequest): Promise<PublicFolderDto> {
    return inTransaction(this.db, async (manager) => {
      const parent = await this.folders.findById(request.parentId, manager);
      if (!parent) throw new BadRequestException(`parent folder ${request.parentId} does not exist`);
      const ownerId = request.ownerId ?? actor.recipientId;
      if (ownerId) await this.recipients.mustExist(manager, [ownerId], 'ownerId');
      const folder = await this.folders
        .create(manager, {
          parentId: parent.id,
          name: request.name,
          description: request.description ?? '',
          ownerId,
          // Content lives in the parent's public store until replicas are managed.
          publicStoreId: parent.publicStoreId,
        })
        .catch((error: unknown) =>
          rethrowConflict(error, `a folder named '${request.name}' already exists in '${parent.name}'`),
        );
      const inherited = await this.permissions.findByFolder(parent.id, manager);
      await this.permissions.replace(manager, folder.id, permissionsForNewFolder(inherited, ownerId));
      const after = await this.view(folder.id, manager);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'public-folder',
        objectId: folder.id,
        objectName: after.path,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, changes: UpdatePublicFolderRequest): Promise<PublicFolderDto> {
    return inTransaction(this.db, async (manager) => {
      const folder = await this.mustLock(manager, id);
      const before = await this.view(id, manager);
      const renamed = changes.name !== undefined && changes.name !== folder.name;
      if (folder.parentId === null && (renamed || changes.parentId !== undefined)) {
        throw new ConflictException('the root of the public folder tree cannot be renamed or moved');
      }
      if (changes.parentId !== undefined && changes.parentId !== folder.parentId)
        await this.move(manager, folder, changes.parentId);
      if (changes.name !== undefined) folder.name = changes.name;
      if (changes.description !== undefined) folder.description = changes.description;
      if (changes.displayName !== undefined) folder.displayName = changes.displayName;
      if (changes.hiddenFromAddressLists !== undefined) folder.hiddenFromAddressLists = changes.hiddenFromAddressLists;
      if (changes.ownerId !== undefined) await this.changeOwner(manager, folder, changes.ownerId);
      if (changes.mailEnabled !== undefined || changes.alias !== undefined)
        await this.mail.apply(manager, folder, changes);
      await this.folders
        .save(manager, folder)
        .catch((error: unknown) =>
          rethrowConflict(
            error,
            `a folder named '${folder.name}' already exists there, or alias '${folder.alias}' is taken`,
          ),
        );
      const after = await this.view(id, manager);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'public-folder',
        objectId: id,
        objectName: after.path,
        before,
        after,
      });
      return after;
    });
  }

  remove(actor: Actor, id: string): Promise<void> {
    return inTransaction(this.db, async (manager) => {
      const folder = await this.mustLock(manager, id);
      if (folder.parentId === null) throw new ConflictException('the root of the public folder tree cannot be deleted');
      if (await this.folders.hasChildren(manager, id)) {
        throw new ConflictException(`folder '${folder.name}' has subfolders; delete or move them first`);
      }
      const before = await this.view(id, manager);
      // Addresses and permission entries go with the folder (ON DELETE CASCADE).
      await this.folders.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'public-folder',
        objectId: id,
        objectName: before.path,
        before,
      });
    });
  }

  /** 404 unless the folder exists; locked until the transaction ends. */
  async mustLock(manager: EntityManager, id: string): Promise<PublicFolderEntity> {
    const folder = await this.folders.findByIdForUpdate(manager, id);
    if (!folder) throw new NotFoundException(`public folder ${id} does not exist`);
    return folder;
  }

  async view(id: string, manager?: EntityManager): Promise<PublicFolderDto> {
    const row = await this.folders.findView(id, manager);
    if (!row) throw new NotFoundException(`public folder ${id} does not exist`);
    return toPublicFolderDto(row, row.path ?? '/', await this.permissions.findByFolder(id, manager));
  }

  private async move(manager: EntityManager, folder: PublicFolderEntity, parentId: string): Promise<void> {
    await this.folders.lockTree(manager);
    const parent = await this.folders.findById(parentId, manager);
    if (!parent) throw new BadRequestException(`parent folder ${parentId} does not exist`);
    if (await this.folders.isSelfOrAncestorOf(manager, folder.id, parentId)) {
      throw new BadRequestException(`folder '${folder.name}' cannot be moved below itself`);
    }
    folder.parentId = parentId;
  }

  /** The owner of record also gets the Owner role, so the folder always has the owner it shows. */
  private async changeOwner(manager: EntityManager, folder: PublicFolderEntity, ownerId: string | null): Promise<void> {
    folder.ownerId = ownerId;
    if (!ownerId) return;
    await this.recipients.mustExist(manager, [ownerId], 'ownerId');
    const current = await this.permissions.findByFolder(folder.id, manager);
    const others = current.filter((e) => !(e.principal === 'recipient' && e.recipientId === ownerId));
    await this.permissions.replace(manager, folder.id, [
      ...others,
      { principal: 'recipient', recipientId: ownerId, role: 'owner' },
    ]);
  }
}
