import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CreateRoutingGroupConnectorRequest,
  RoutingGroupConnectorDto,
  UpdateRoutingGroupConnectorRequest,
} from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import type { RoutingGroupConnectorEntity } from '../../entities/routing-group-connector.entity';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import { bridgeheadProblems } from '../common/bridgehead-check';
import { definedOnly } from '../common/defined-only';
import { assertNoProblems, type FieldProblem } from '../common/field-error';
import { RoutingGroupRepository } from '../routing-groups/routing-group.repository';
import { ServerRepository } from '../servers/server.repository';
import {
  RoutingGroupConnectorRepository,
  type RoutingGroupConnectorValues,
} from './routing-group-connector.repository';

export function toRoutingGroupConnectorDto(c: RoutingGroupConnectorEntity): RoutingGroupConnectorDto {
  return {
    id: c.id,
    name: c.name,
    sourceRoutingGroupId: c.sourceRoutingGroupId,
    targetRoutingGroupId: c.targetRoutingGroupId,
    cost: c.cost,
    sourceBridgeheadIds: c.sourceBridgeheadIds,
    targetBridgeheadIds: c.targetBridgeheadIds,
    enabled: c.enabled,
  };
}

const nameTaken = (name: string) => `a connector named "${name}" already exists`;

/**
 * Routing group connectors: one-way links between two routing groups, with a
 * cost (1..100) for least-cost routing and optional bridgehead servers on
 * each side (none listed: any member server).
 */
@Injectable()
export class RoutingGroupConnectorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly connectors: RoutingGroupConnectorRepository,
    private readonly routingGroups: RoutingGroupRepository,
    private readonly servers: ServerRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<RoutingGroupConnectorDto[]> {
    return (await this.connectors.findAll()).map(toRoutingGroupConnectorDto);
  }

  async get(id: string): Promise<RoutingGroupConnectorDto> {
    const connector = await this.connectors.findById(id);
    if (!connector) throw new NotFoundException(`routing group connector ${id} does not exist`);
    return toRoutingGroupConnectorDto(connector);
  }

  create(actor: Actor, request: CreateRoutingGroupConnectorRequest): Promise<RoutingGroupConnectorDto> {
    return inTransaction(this.db, async (manager) => {
      const values: RoutingGroupConnectorValues = {
        name: request.name,
        sourceRoutingGroupId: request.sourceRoutingGroupId,
        targetRoutingGroupId: request.targetRoutingGroupId,
        cost: request.cost ?? 1,
        sourceBridgeheadIds: request.sourceBridgeheadIds ?? [],
        targetBridgeheadIds: request.targetBridgeheadIds ?? [],
        enabled: request.enabled ?? true,
      };
      await this.check(manager, values);
      const connector = await this.connectors
        .create(manager, values)
        .catch((e: unknown) => rethrowConflict(e, nameTaken(values.name)));
      const after = toRoutingGroupConnectorDto(connector);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'routing-group-connector',
        objectId: connector.id,
        objectName: connector.name,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, changes: UpdateRoutingGroupConnectorRequest): Promise<RoutingGroupConnectorDto> {
    return inTransaction(this.db, async (manager) => {
      const connector = await this.connectors.findById(id, manager, true);
      if (!connector) throw new NotFoundException(`routing group connector ${id} does not exist`);
      const before = toRoutingGroupConnectorDto(connector);
      Object.assign(connector, definedOnly(changes));
      await this.check(manager, connector);
      const saved = await this.connectors
        .save(manager, connector)
        .catch((e: unknown) => rethrowConflict(e, nameTaken(connector.name)));
      const after = toRoutingGroupConnectorDto(saved);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'routing-group-connector',
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
      const connector = await this.connectors.findById(id, manager, true);
      if (!connector) throw new NotFoundException(`routing group connector ${id} does not exist`);
      await this.connectors.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'routing-group-connector',
        objectId: id,
        objectName: connector.name,
        before: toRoutingGroupConnectorDto(connector),
      });
    });
  }

  private async check(manager: EntityManager, c: RoutingGroupConnectorValues): Promise<void> {
    const problems: FieldProblem[] = [];
    if (!(await this.routingGroups.findById(c.sourceRoutingGroupId, manager))) {
      problems.push({ field: 'sourceRoutingGroupId', message: 'no routing group has this id' });
    }
    if (!(await this.routingGroups.findById(c.targetRoutingGroupId, manager))) {
      problems.push({ field: 'targetRoutingGroupId', message: 'no routing group has this id' });
    }
    if (c.sourceRoutingGroupId === c.targetRoutingGroupId) {
      problems.push({ field: 'targetRoutingGroupId', message: 'a connector links two different routing groups' });
    }
    assertNoProblems(problems);
    assertNoProblems([
      ...(await bridgeheadProblems(
        this.servers,
        manager,
        'sourceBridgeheadIds',
        c.sourceRoutingGroupId,
        c.sourceBridgeheadIds,
      )),
      ...(await bridgeheadProblems(
        this.servers,
        manager,
        'targetBridgeheadIds',
        c.targetRoutingGroupId,
        c.targetBridgeheadIds,
      )),
    ]);
  }
}
