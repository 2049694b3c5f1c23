import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreateSmtpConnectorRequest, SmtpConnectorDto, UpdateSmtpConnectorRequest } from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import type { SmtpConnectorEntity } from '../../entities/smtp-connector.entity';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import { bridgeheadProblems } from '../common/bridgehead-check';
import { definedOnly } from '../common/defined-only';
import { assertNoProblems, invalidField } from '../common/field-error';
import { RoutingGroupRepository } from '../routing-groups/routing-group.repository';
import { ServerRepository } from '../servers/server.repository';
import { normalizeAddressSpaces, smtpConnectorProblems } from './smtp-connector-rules';
import { SmtpConnectorRepository, type SmtpConnectorValues } from './smtp-connector.repository';

export function toSmtpConnectorDto(c: SmtpConnectorEntity): SmtpConnectorDto {
  return {
    id: c.id,
    name: c.name,
    routingGroupId: c.routingGroupId,
    addressSpaces: c.addressSpaces,
    smartHost: c.smartHost,
    scope: c.scope,
    bridgeheadServerIds: c.bridgeheadServerIds,
    maxMessageSizeKb: c.maxMessageSizeKb,
    enabled: c.enabled,
  };
}

const nameTaken = (name: string) => `an SMTP connector named "${name}" already exists`;

/**
 * SMTP connectors: routes to domains outside the organisation (or to another
 * routing group over SMTP), chosen by address space and cost. Mail goes to a
 * smart host, or to the domain's MX when none is set. Routing uses
 * selectSmtpConnector().
 */
@Injectable()
export class SmtpConnectorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly connectors: SmtpConnectorRepository,
    private readonly routingGroups: RoutingGroupRepository,
    private readonly servers: ServerRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<SmtpConnectorDto[]> {
    return (await this.connectors.findAll()).map(toSmtpConnectorDto);
  }

  async get(id: string): Promise<SmtpConnectorDto> {
    const connector = await this.connectors.findById(id);
    if (!connector) throw new NotFoundException(`SMTP connector ${id} does not exist`);
    return toSmtpConnectorDto(connector);
  }

  create(actor: Actor, request: CreateSmtpConnectorRequest): Promise<SmtpConnectorDto> {
    return inTransaction(this.db, async (manager) => {
      const values: SmtpConnectorValues = {
        name: request.name,
        routingGroupId: request.routingGroupId,
        addressSpaces: request.addressSpaces,
        smartHost: request.smartHost ?? null,
        scope: request.scope ?? 'organization',
        bridgeheadServerIds: request.bridgeheadServerIds ?? [],
        maxMessageSizeKb: request.maxMessageSizeKb ?? null,
        enabled: request.enabled ?? true,
      };
      await this.checkAndNormalize(manager, values);
      const connector = await this.connectors
        .create(manager, values)
        .catch((e: unknown) => rethrowConflict(e, nameTaken(values.name)));
      const after = toSmtpConnectorDto(connector);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'smtp-connector',
        objectId: connector.id,
        objectName: connector.name,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, changes: UpdateSmtpConnectorRequest): Promise<SmtpConnectorDto> {
    return inTransaction(this.db, async (manager) => {
      const connector = await this.connectors.findById(id, manager, true);
      if (!connector) throw new NotFoundException(`SMTP connector ${id} does not exist`);
      const before = toSmtpConnectorDto(connector);
      Object.assign(connector, definedOnly(changes));
      await this.checkAndNormalize(manager, connector);
      const saved = await this.connectors
        .save(manager, connector)
        .catch((e: unknown) => rethrowConflict(e, nameTaken(connector.name)));
      const after = toSmtpConnectorDto(saved);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'smtp-connector',
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
      if (!connector) throw new NotFoundException(`SMTP connector ${id} does not exist`);
      await this.connectors.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'smtp-connector',
        objectId: id,
        objectName: connector.name,
        before: toSmtpConnectorDto(connector),
      });
    });
  }

  private async checkAndNormalize(manager: EntityManager, c: SmtpConnectorValues): Promise<void> {
    assertNoProblems(smtpConnectorProblems(c.addressSpaces, c.smartHost));
    if (!(await this.routingGroups.findById(c.routingGroupId, manager)))
      throw invalidField('routingGroupId', 'no routing group has this id');
    // Exchange's local bridgeheads are SMTP virtual servers inside the connector's routing group.
    assertNoProblems(
      await bridgeheadProblems(this.servers, manager, 'bridgeheadServerIds', c.routingGroupId, c.bridgeheadServerIds),
    );
    c.addressSpaces = normalizeAddressSpaces(c.addressSpaces);
  }
}
