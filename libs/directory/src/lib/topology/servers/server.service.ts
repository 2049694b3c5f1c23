import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ServerDto, UpdateServerRequest } from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import type { ServerEntity } from '../../entities/server.entity';
import { inTransaction } from '../../common/transaction';
import { AdministrativeGroupRepository } from '../administrative-groups/administrative-group.repository';
import { invalidField } from '../common/field-error';
import { plural } from '../common/plural';
import { RoutingGroupRepository } from '../routing-groups/routing-group.repository';
import { RoutingGroupService } from '../routing-groups/routing-group.service';
import { ServerRepository } from './server.repository';

export function toServerDto(server: ServerEntity): ServerDto {
  return {
    id: server.id,
    name: server.name,
    administrativeGroupId: server.administrativeGroupId,
    routingGroupId: server.routingGroupId,
    version: server.version,
    lastStartedAt: server.lastStartedAt ? server.lastStartedAt.toISOString() : null,
  };
}

/**
 * Server objects. A server process registers its own object at first start
 * (OrganizationSetupService); administrators move it between administrative
 * and routing groups, or delete the object of a retired machine.
 */
@Injectable()
export class ServerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly servers: ServerRepository,
    private readonly administrativeGroups: AdministrativeGroupRepository,
    private readonly routingGroups: RoutingGroupRepository,
    private readonly routingGroupService: RoutingGroupService,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<ServerDto[]> {
    return (await this.servers.findAll()).map(toServerDto);
  }

  async get(id: string): Promise<ServerDto> {
    const server = await this.servers.findById(id);
    if (!server) throw new NotFoundException(`server ${id} does not exist`);
    return toServerDto(server);
  }

  update(actor: Actor, id: string, changes: UpdateServerRequest): Promise<ServerDto> {
    return inTransaction(this.db, async (manager) => {
      const server = await this.servers.findById(id, manager, true);
      if (!server) throw new NotFoundException(`server ${id} does not exist`);
      const before = toServerDto(server);
      if (
        changes.administrativeGroupId !== undefined &&
        !(await this.administrativeGroups.findById(changes.administrativeGroupId, manager))
      ) {
        throw invalidField('administrativeGroupId', 'no administrative group has this id');
      }
      const previousRoutingGroupId = server.routingGroupId;
      const movesRoutingGroup =
        changes.routingGroupId !== undefined && changes.routingGroupId !== previousRoutingGroupId;
      if (movesRoutingGroup) await this.checkCanLeaveRoutingGroup(manager, server, changes.routingGroupId as string);
      if (changes.administrativeGroupId !== undefined) server.administrativeGroupId = changes.administrativeGroupId;
      if (changes.routingGroupId !== undefined) server.routingGroupId = changes.routingGroupId;
      const after = toServerDto(await this.servers.save(manager, server));
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'server',
        objectId: id,
        objectName: server.name,
        before,
        after,
      });
      if (movesRoutingGroup) {
        await this.routingGroupService.ensureMaster(manager, actor, previousRoutingGroupId);
        await this.routingGroupService.ensureMaster(manager, actor, server.routingGroupId);
      }
      return after;
    });
  }

  /**
   * Refused while the server holds storage groups (they hold the mailboxes) or
   * is a connector's bridgehead. Its protocol virtual servers go with it.
   */
  remove(actor: Actor, id: string): Promise<void> {
    return inTransaction(this.db, async (manager) => {
      const server = await this.servers.findById(id, manager, true);
      if (!server) throw new NotFoundException(`server ${id} does not exist`);
      const storageGroups = await this.servers.countStorageGroups(manager, id);
      if (storageGroups > 0) {
        throw new ConflictException(
          `server "${server.name}" still holds ${plural(storageGroups, 'storage group')}; delete them first`,
        );
      }
      await this.checkNotBridgehead(manager, server, 'deleted');
      await this.servers.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'server',
        objectId: id,
        objectName: server.name,
        before: toServerDto(server),
      });
      await this.routingGroupService.ensureMaster(manager, actor, server.routingGroupId);
    });
  }

  private async checkCanLeaveRoutingGroup(
    manager: EntityManager,
    server: ServerEntity,
    targetId: string,
  ): Promise<void> {
    if (!(await this.routingGroups.findById(targetId, manager)))
      throw invalidField('routingGroupId', 'no routing group has this id');
    // Bridgeheads must be members of their connector's routing group.
    await this.checkNotBridgehead(manager, server, 'moved to another routing group');
  }

  private async checkNotBridgehead(manager: EntityManager, server: ServerEntity, what: string): Promise<void> {
    const uses = await this.servers.findBridgeheadUses(manager, server.id);
    if (uses.length > 0) {
      const list = uses.map((u) => `${u.kind} "${u.name}"`).join(', ');
      throw new ConflictException(
        `server "${server.name}" is a bridgehead of ${list}; remove it there before it can be ${what}`,
      );
    }
  }
}
