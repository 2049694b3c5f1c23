import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreateRoutingGroupRequest, RoutingGroupDto, UpdateRoutingGroupRequest } from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import type { RoutingGroupEntity } from '../../entities/routing-group.entity';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import { AdministrativeGroupRepository } from '../administrative-groups/administrative-group.repository';
import { definedOnly } from '../common/defined-only';
import { invalidField } from '../common/field-error';
import { plural } from '../common/plural';
import { RoutingGroupRepository } from './routing-group.repository';

export function toRoutingGroupDto(group: RoutingGroupEntity, memberServerIds: string[]): RoutingGroupDto {
  return {
    id: group.id,
    name: group.name,
    administrativeGroupId: group.administrativeGroupId,
    masterServerId: group.masterServerId,
    memberServerIds,
  };
}

const nameTaken = (name: string) => `a routing group named "${name}" already exists`;

/**
 * Routing groups: servers that deliver to each other directly. Membership is a
 * property of the server (PATCH /servers/:id); the group names one member as
 * its master, which keeps the link-state table in Exchange.
 */
@Injectable()
export class RoutingGroupService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly groups: RoutingGroupRepository,
    private readonly administrativeGroups: AdministrativeGroupRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<RoutingGroupDto[]> {
    const [groups, members] = await Promise.all([this.groups.findAll(), this.groups.findMemberIds()]);
    return groups.map((g) => toRoutingGroupDto(g, members.get(g.id) ?? []));
  }

  async get(id: string): Promise<RoutingGroupDto> {
    const group = await this.groups.findById(id);
    if (!group) throw new NotFoundException(`routing group ${id} does not exist`);
    return this.toDto(this.db.manager, group);
  }

  create(actor: Actor, request: CreateRoutingGroupRequest): Promise<RoutingGroupDto> {
    return inTransaction(this.db, async (manager) => {
      if (!(await this.administrativeGroups.findById(request.administrativeGroupId, manager))) {
        throw invalidField('administrativeGroupId', 'no administrative group has this id');
      }
      const group = await this.groups
        .create(manager, { name: request.name, administrativeGroupId: request.administrativeGroupId })
        .catch((e: unknown) => rethrowConflict(e, nameTaken(request.name)));
      const after = toRoutingGroupDto(group, []);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'routing-group',
        objectId: group.id,
        objectName: group.name,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, changes: UpdateRoutingGroupRequest): Promise<RoutingGroupDto> {
    return inTransaction(this.db, async (manager) => {
      const group = await this.groups.findById(id, manager, true);
      if (!group) throw new NotFoundException(`routing group ${id} does not exist`);
      const members = (await this.groups.findMemberIds(manager, [id])).get(id) ?? [];
      const before = toRoutingGroupDto(group, members);
      if (changes.masterServerId !== undefined && !members.includes(changes.masterServerId)) {
        throw invalidField('masterServerId', `the master must be a member server of routing group "${group.name}"`);
      }
      Object.assign(group, definedOnly(changes));
      const saved = await this.groups
        .save(manager, group)
        .catch((e: unknown) => rethrowConflict(e, nameTaken(group.name)));
      const after = toRoutingGroupDto(saved, members);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'routing-group',
        objectId: id,
        objectName: saved.name,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * Refused while servers are members or connectors use the group (deleting
   * those silently would lose routes without an audit entry), and for the last
   * routing group, where setup registers new servers.
   */
  remove(actor: Actor, id: string): Promise<void> {
    return inTransaction(this.db, async (manager) => {
      const group = await this.groups.findById(id, manager, true);
      if (!group) throw new NotFoundException(`routing group ${id} does not exist`);
      const members = (await this.groups.findMemberIds(manager, [id])).get(id) ?? [];
      if (members.length > 0) {
        throw new ConflictException(
          `routing group "${group.name}" still has ${plural(members.length, 'member server')}; move them to another routing group first`,
        );
      }
      const connectors = await this.groups.countConnectors(manager, id);
      if (connectors.routingGroupConnectors + connectors.smtpConnectors > 0) {
        throw new ConflictException(
          `routing group "${group.name}" is still used by ${plural(connectors.routingGroupConnectors, 'routing group connector')} and ` +
            `${plural(connectors.smtpConnectors, 'SMTP connector')}; delete them first`,
        );
      }
      if ((await this.groups.countAll(manager)) <= 1) {
        throw new ConflictException('the organisation keeps at least one routing group: new servers register in it');
      }
      await this.groups.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'routing-group',
        objectId: id,
        objectName: group.name,
        before: toRoutingGroupDto(group, []),
      });
    });
  }

  /**
   * Keeps the master a member after servers come and go: a group without a
   * valid master takes its oldest member (as Exchange made the first server
   * master), or none when empty. Audited when it changes.
   */
  async ensureMaster(manager: EntityManager, actor: Actor, id: string): Promise<void> {
    const group = await this.groups.findById(id, manager, true);
    if (!group) return;
    const members = (await this.groups.findMemberIds(manager, [id])).get(id) ?? [];
    if (group.masterServerId && members.includes(group.masterServerId)) return;
    const master = members[0] ?? null;
    if (master === group.masterServerId) return;
    const before = toRoutingGroupDto(group, members);
    group.masterServerId = master;
    const saved = await this.groups.save(manager, group);
    await this.audit.record(manager, actor, {
      action: 'update',
      objectType: 'routing-group',
      objectId: id,
      objectName: group.name,
      before,
      after: toRoutingGroupDto(saved, members),
    });
  }

  private async toDto(manager: EntityManager, group: RoutingGroupEntity): Promise<RoutingGroupDto> {
    return toRoutingGroupDto(group, (await this.groups.findMemberIds(manager, [group.id])).get(group.id) ?? []);
  }
}
