import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AddressListDto,
  CreateAddressListRequest,
  RecipientFilter,
  UpdateAddressListRequest,
} from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import type { AddressListEntity } from '../../entities/address-list.entity';
import { validateRecipientFilter } from '../../filters';
import { toAddressListDto } from './address-list.mapper';
import { AddressListRepository } from './address-list.repository';

function checkedFilter(filter: unknown): RecipientFilter {
  const refusal = validateRecipientFilter(filter);
  if (refusal) throw new BadRequestException(refusal);
  return filter as RecipientFilter;
}

/**
 * Address lists: the five system lists made at setup (their membership is
 * fixed by kind, so only their name may change) and custom lists by filter.
 */
@Injectable()
export class AddressListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lists: AddressListRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<AddressListDto[]> {
    return (await this.lists.findAll()).map(toAddressListDto);
  }

  async get(id: string): Promise<AddressListDto> {
    return toAddressListDto(await this.mustFind(id));
  }

  /** The list itself, for the address book; 404 when unknown. */
  async mustFind(id: string, manager?: EntityManager): Promise<AddressListEntity> {
    const list = await this.lists.findById(id, manager);
    if (!list) throw new NotFoundException(`address list ${id} does not exist`);
    return list;
  }

  create(actor: Actor, request: CreateAddressListRequest): Promise<AddressListDto> {
    const filter = checkedFilter(request.filter);
    return inTransaction(this.db, async (manager) => {
      const parentId = request.parentId ?? null;
      if (parentId) await this.checkParent(manager, parentId);
      const created = await this.lists
        .create(manager, { name: request.name, kind: 'custom', filter, parentId })
        .catch((error: unknown) => rethrowConflict(error, `an address list named '${request.name}' already exists`));
      const after = toAddressListDto(created);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'address-list',
        objectId: created.id,
        objectName: created.name,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, changes: UpdateAddressListRequest): Promise<AddressListDto> {
    return inTransaction(this.db, async (manager) => {
      const list = await this.lists.findByIdForUpdate(manager, id);
      if (!list) throw new NotFoundException(`address list ${id} does not exist`);
      const before = toAddressListDto(list);
      if (list.system && changes.filter !== undefined) {
        throw new ConflictException(
          `'${list.name}' is a system address list: its membership is fixed and only its name may change`,
        );
      }
      if (changes.filter !== undefined) list.filter = checkedFilter(changes.filter);
      if (changes.parentId !== undefined && changes.parentId !== list.parentId)
        await this.move(manager, list, changes.parentId);
      if (changes.name !== undefined) list.name = changes.name;
      const saved = await this.lists
        .save(manager, list)
        .catch((error: unknown) => rethrowConflict(error, `an address list named '${list.name}' already exists`));
      const after = toAddressListDto(saved);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'address-list',
        objectId: id,
        objectName: saved.name,
        before,
        after,
      });
      return after;
    });
  }

  remove(actor: Actor, id: string): Promise<void> {
    return inTransaction(this.db, async (manager) => {
      const list = await this.lists.findByIdForUpdate(manager, id);
      if (!list) throw new NotFoundException(`address list ${id} does not exist`);
      if (list.system) throw new ConflictException(`'${list.name}' is a system address list and cannot be deleted`);
      // The schema would cascade to child lists; refusing keeps every deletion explicit and audited.
      if (await this.lists.hasChildren(manager, id)) {
        throw new ConflictException(`address list '${list.name}' has child lists; delete or move them first`);
      }
      await this.lists.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'address-list',
        objectId: id,
        objectName: list.name,
        before: toAddressListDto(list),
      });
    });
  }

  private async move(manager: EntityManager, list: AddressListEntity, parentId: string | null): Promise<void> {
    if (list.system)
      throw new ConflictException(`'${list.name}' is a system address list and stays where setup put it`);
    if (parentId) {
      await this.lists.lockTree(manager);
      await this.checkParent(manager, parentId);
      if (await this.lists.isSelfOrAncestorOf(manager, list.id, parentId)) {
        throw new BadRequestException(`address list '${list.name}' cannot be moved below itself`);
      }
    }
    list.parentId = parentId;
  }

  /** Custom lists nest under any list but a global one: global lists form their own container in Exchange. */
  private async checkParent(manager: EntityManager, parentId: string): Promise<void> {
    const parent = await this.lists.findById(parentId, manager);
    if (!parent) throw new BadRequestException(`parent address list ${parentId} does not exist`);
    if (parent.kind === 'global')
      throw new BadRequestException(`address lists cannot be nested under a global address list`);
  }
}
