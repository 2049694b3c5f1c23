import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  MAX_STORES_PER_STORAGE_GROUP,
  type CreateInformationStoreRequest,
  type InformationStoreDto,
  type InformationStoreQuery,
  type UpdateInformationStoreRequest,
} from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import { definedOnly } from '../common/defined-only';
import { assertNoProblems } from '../common/field-error';
import { plural } from '../common/plural';
import { StorageGroupRepository } from '../storage-groups/storage-group.repository';
import { InformationStoreRepository, type InformationStoreValues } from './information-store.repository';
import { storeLimitProblems } from './store-limits';

const nameTaken = (name: string) => `this storage group already has a store named "${name}"`;

/**
 * Information stores: mailbox stores and public folder stores, with their
 * storage limits (KB), deleted item retention and mount state.
 */
@Injectable()
export class InformationStoreService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly stores: InformationStoreRepository,
    private readonly storageGroups: StorageGroupRepository,
    private readonly audit: AuditLogService,
  ) {}

  list(query: InformationStoreQuery): Promise<InformationStoreDto[]> {
    return this.stores.findViews({ kind: query.kind, serverId: query.serverId });
  }

  async listByStorageGroup(storageGroupId: string): Promise<InformationStoreDto[]> {
    if (!(await this.storageGroups.findById(storageGroupId)))
      throw new NotFoundException(`storage group ${storageGroupId} does not exist`);
    return this.stores.findViews({ storageGroupId });
  }

  async get(id: string): Promise<InformationStoreDto> {
    const store = await this.stores.findView(id);
    if (!store) throw new NotFoundException(`store ${id} does not exist`);
    return store;
  }

  create(actor: Actor, storageGroupId: string, request: CreateInformationStoreRequest): Promise<InformationStoreDto> {
    return inTransaction(this.db, async (manager) => {
      // Locking the storage group serialises concurrent creations, so the limit holds.
      const group = await this.storageGroups.findById(storageGroupId, manager, true);
      if (!group) throw new NotFoundException(`storage group ${storageGroupId} does not exist`);
      if ((await this.stores.countByStorageGroup(manager, storageGroupId)) >= MAX_STORES_PER_STORAGE_GROUP) {
        throw new ConflictException(
          `storage group "${group.name}" already holds ${MAX_STORES_PER_STORAGE_GROUP} stores, ` +
            'the most an Exchange 2003 storage group allowed; create the store in another storage group',
        );
      }
      const values: InformationStoreValues = {
        storageGroupId,
        kind: request.kind,
        name: request.name,
        issueWarningKb: request.issueWarningKb ?? null,
        prohibitSendKb: request.prohibitSendKb ?? null,
        prohibitSendReceiveKb: request.prohibitSendReceiveKb ?? null,
        deletedItemRetentionDays: request.deletedItemRetentionDays ?? 7,
        mounted: request.mounted ?? true,
      };
      assertNoProblems(storeLimitProblems(values));
      const store = await this.stores
        .create(manager, values)
        .catch((e: unknown) => rethrowConflict(e, nameTaken(values.name)));
      const after = await this.view(manager, store.id);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'information-store',
        objectId: store.id,
        objectName: store.name,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, changes: UpdateInformationStoreRequest): Promise<InformationStoreDto> {
    return inTransaction(this.db, async (manager) => {
      const store = await this.stores.findById(id, manager, true);
      if (!store) throw new NotFoundException(`store ${id} does not exist`);
      const before = await this.view(manager, id);
      Object.assign(store, definedOnly(changes));
      assertNoProblems(storeLimitProblems(store));
      await this.stores.save(manager, store).catch((e: unknown) => rethrowConflict(e, nameTaken(store.name)));
      const after = await this.view(manager, id);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'information-store',
        objectId: id,
        objectName: store.name,
        before,
        after,
      });
      return after;
    });
  }

  /** Mounting brings a store online for delivery and clients; dismounting takes it offline. Idempotent. */
  setMounted(actor: Actor, id: string, mounted: boolean): Promise<InformationStoreDto> {
    return inTransaction(this.db, async (manager) => {
      const store = await this.stores.findById(id, manager, true);
      if (!store) throw new NotFoundException(`store ${id} does not exist`);
      if (store.mounted === mounted) return this.view(manager, id);
      store.mounted = mounted;
      await this.stores.save(manager, store);
      await this.audit.record(manager, actor, {
        action: mounted ? 'mount' : 'dismount',
        objectType: 'information-store',
        objectId: id,
        objectName: store.name,
        before: { mounted: !mounted },
        after: { mounted },
      });
      return this.view(manager, id);
    });
  }

  /** Refused while mailboxes are homed on the store: their data would have nowhere to live. */
  remove(actor: Actor, id: string): Promise<void> {
    return inTransaction(this.db, async (manager) => {
      const store = await this.stores.findById(id, manager, true);
      if (!store) throw new NotFoundException(`store ${id} does not exist`);
      const before = await this.view(manager, id);
      if (before.mailboxCount > 0) {
        throw new ConflictException(
          `the store still homes ${plural(before.mailboxCount, 'mailbox', 'mailboxes')}; move them first`,
        );
      }
      await this.stores.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'information-store',
        objectId: id,
        objectName: store.name,
        before,
      });
    });
  }

  private async view(manager: EntityManager, id: string): Promise<InformationStoreDto> {
    const view = await this.stores.findView(id, manager);
    if (!view) throw new NotFoundException(`store ${id} does not exist`);
    return view;
  }
}
