import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  MAX_STORAGE_GROUPS_PER_SERVER,
  type CreateStorageGroupRequest,
  type StorageGroupDto,
  type UpdateStorageGroupRequest,
} from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import type { StorageGroupEntity } from '../../entities/storage-group.entity';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import { plural } from '../common/plural';
import { InformationStoreRepository } from '../information-stores/information-store.repository';
import { ServerRepository } from '../servers/server.repository';
import { StorageGroupRepository } from './storage-group.repository';

export function toStorageGroupDto(group: StorageGroupEntity): StorageGroupDto {
  return { id: group.id, serverId: group.serverId, name: group.name };
}

const nameTaken = (name: string) => `this server already has a storage group named "${name}"`;

/** Storage groups: sets of stores on one server (one ESE instance and log stream in Exchange). */
@Injectable()
export class StorageGroupService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly groups: StorageGroupRepository,
    private readonly servers: ServerRepository,
    private readonly stores: InformationStoreRepository,
    private readonly audit: AuditLogService,
  ) {}

  async listByServer(serverId: string): Promise<StorageGroupDto[]> {
    if (!(await this.servers.findById(serverId))) throw new NotFoundException(`server ${serverId} does not exist`);
    return (await this.groups.findByServer(serverId)).map(toStorageGroupDto);
  }

  async get(id: string): Promise<StorageGroupDto> {
    const group = await this.groups.findById(id);
    if (!group) throw new NotFoundException(`storage group ${id} does not exist`);
    return toStorageGroupDto(group);
  }

  create(actor: Actor, serverId: string, request: CreateStorageGroupRequest): Promise<StorageGroupDto> {
    return inTransaction(this.db, async (manager) => {
      // Locking the server serialises concurrent creations, so the limit holds.
      const server = await this.servers.findById(serverId, manager, true);
      if (!server) throw new NotFoundException(`server ${serverId} does not exist`);
      if ((await this.groups.countByServer(manager, serverId)) >= MAX_STORAGE_GROUPS_PER_SERVER) {
        throw new ConflictException(
          `server "${server.name}" already has ${MAX_STORAGE_GROUPS_PER_SERVER} storage groups, ` +
            'the most an Exchange 2003 Enterprise Edition server allowed; add stores to an existing one instead',
        );
      }
      const group = await this.groups
        .create(manager, { serverId, name: request.name })
        .catch((e: unknown) => rethrowConflict(e, nameTaken(request.name)));
      const after = toStorageGroupDto(group);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'storage-group',
        objectId: group.id,
        objectName: group.name,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, changes: UpdateStorageGroupRequest): Promise<StorageGroupDto> {
    return inTransaction(this.db, async (manager) => {
      const group = await this.groups.findById(id, manager, true);
      if (!group) throw new NotFoundException(`storage group ${id} does not exist`);
      const before = toStorageGroupDto(group);
      if (changes.name !== undefined) group.name = changes.name;
      const saved = await this.groups
        .save(manager, group)
        .catch((e: unknown) => rethrowConflict(e, nameTaken(group.name)));
      const after = toStorageGroupDto(saved);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'storage-group',
        objectId: id,
        objectName: saved.name,
        before,
        after,
      });
      return after;
    });
  }

  /** Refused while it holds stores: deleting them is a decision of its own (they may home mailboxes). */
  remove(actor: Actor, id: string): Promise<void> {
    return inTransaction(this.db, async (manager) => {
      const group = await this.groups.findById(id, manager, true);
      if (!group) throw new NotFoundException(`storage group ${id} does not exist`);
      const stores = await this.stores.countByStorageGroup(manager, id);
      if (stores > 0) {
        throw new ConflictException(
          `storage group "${group.name}" still holds ${plural(stores, 'store')}; delete them first`,
        );
      }
      await this.groups.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'storage-group',
        objectId: id,
        objectName: group.name,
        before: toStorageGroupDto(group),
      });
    });
  }
}
