import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  AdministrativeGroupDto,
  CreateAdministrativeGroupRequest,
  UpdateAdministrativeGroupRequest,
} from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import type { AdministrativeGroupEntity } from '../../entities/administrative-group.entity';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import { definedOnly } from '../common/defined-only';
import { plural } from '../common/plural';
import { AdministrativeGroupRepository } from './administrative-group.repository';

export function toAdministrativeGroupDto(group: AdministrativeGroupEntity): AdministrativeGroupDto {
  return { id: group.id, name: group.name, description: group.description };
}

const nameTaken = (name: string) => `an administrative group named "${name}" already exists`;

/** Administrative groups: the unit of delegation; they hold servers and routing groups. */
@Injectable()
export class AdministrativeGroupService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly groups: AdministrativeGroupRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<AdministrativeGroupDto[]> {
    return (await this.groups.findAll()).map(toAdministrativeGroupDto);
  }

  async get(id: string): Promise<AdministrativeGroupDto> {
    const group = await this.groups.findById(id);
    if (!group) throw new NotFoundException(`administrative group ${id} does not exist`);
    return toAdministrativeGroupDto(group);
  }

  create(actor: Actor, request: CreateAdministrativeGroupRequest): Promise<AdministrativeGroupDto> {
    return inTransaction(this.db, async (manager) => {
      const group = await this.groups
        .create(manager, { name: request.name, description: request.description ?? '' })
        .catch((e: unknown) => rethrowConflict(e, nameTaken(request.name)));
      const after = toAdministrativeGroupDto(group);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'administrative-group',
        objectId: group.id,
        objectName: group.name,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, changes: UpdateAdministrativeGroupRequest): Promise<AdministrativeGroupDto> {
    return inTransaction(this.db, async (manager) => {
      const group = await this.groups.findById(id, manager, true);
      if (!group) throw new NotFoundException(`administrative group ${id} does not exist`);
      const before = toAdministrativeGroupDto(group);
      Object.assign(group, definedOnly(changes));
      const saved = await this.groups
        .save(manager, group)
        .catch((e: unknown) => rethrowConflict(e, nameTaken(group.name)));
      const after = toAdministrativeGroupDto(saved);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'administrative-group',
        objectId: id,
        objectName: saved.name,
        before,
        after,
      });
      return after;
    });
  }

  /** Refused while the group holds servers or routing groups: they would be left without a home. */
  remove(actor: Actor, id: string): Promise<void> {
    return inTransaction(this.db, async (manager) => {
      const group = await this.groups.findById(id, manager, true);
      if (!group) throw new NotFoundException(`administrative group ${id} does not exist`);
      const contents = await this.groups.countContents(manager, id);
      if (contents.servers > 0 || contents.routingGroups > 0) {
        throw new ConflictException(
          `administrative group "${group.name}" still holds ${plural(contents.servers, 'server')} and ` +
            `${plural(contents.routingGroups, 'routing group')}; move or delete them first`,
        );
      }
      await this.groups.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'administrative-group',
        objectId: id,
        objectName: group.name,
        before: toAdministrativeGroupDto(group),
      });
    });
  }
}
