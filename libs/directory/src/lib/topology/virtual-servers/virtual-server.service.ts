import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CreateVirtualServerRequest,
  UpdateVirtualServerRequest,
  VirtualServerDto,
  VirtualServerSettings,
} from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import type { ProtocolVirtualServerEntity } from '../../entities/protocol-virtual-server.entity';
import { inTransaction } from '../../common/transaction';
import { rethrowConflict } from '../../common/unique-violation';
import { definedOnly } from '../common/defined-only';
import { assertNoProblems } from '../common/field-error';
import { canonicalIpAddress } from '../common/network-address';
import { ServerRepository } from '../servers/server.repository';
import { DEFAULT_AUTH_METHODS, findPortConflict, virtualServerProblems } from './virtual-server-rules';
import { VirtualServerRepository, type VirtualServerValues } from './virtual-server.repository';

export function toVirtualServerDto(vs: ProtocolVirtualServerEntity): VirtualServerDto {
  return {
    id: vs.id,
    serverId: vs.serverId,
    protocol: vs.protocol,
    name: vs.name,
    bindAddress: vs.bindAddress,
    port: vs.port,
    tlsPort: vs.tlsPort,
    enabled: vs.enabled,
    authMethods: vs.authMethods,
    settings: vs.settings,
  };
}

const nameTaken = (name: string) => `this server already has a virtual server of that protocol named "${name}"`;

/** Plain JSON for the jsonb column (request DTOs are class instances with possibly undefined keys). */
function plainSettings(settings: VirtualServerSettings): VirtualServerSettings {
  return JSON.parse(JSON.stringify(settings)) as VirtualServerSettings;
}

/**
 * Protocol virtual servers: the listeners of a server (SMTP, POP3, IMAP4,
 * NNTP, LDAP, HTTP) with their address, ports, authentication and limits.
 */
@Injectable()
export class VirtualServerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly virtualServers: VirtualServerRepository,
    private readonly servers: ServerRepository,
    private readonly audit: AuditLogService,
  ) {}

  async listByServer(serverId: string): Promise<VirtualServerDto[]> {
    if (!(await this.servers.findById(serverId))) throw new NotFoundException(`server ${serverId} does not exist`);
    return (await this.virtualServers.findByServer(serverId)).map(toVirtualServerDto);
  }

  async get(id: string): Promise<VirtualServerDto> {
    const vs = await this.virtualServers.findById(id);
    if (!vs) throw new NotFoundException(`virtual server ${id} does not exist`);
    return toVirtualServerDto(vs);
  }

  create(actor: Actor, serverId: string, request: CreateVirtualServerRequest): Promise<VirtualServerDto> {
    return inTransaction(this.db, async (manager) => {
      // Locking the server serialises port checks of concurrent changes to its virtual servers.
      if (!(await this.servers.findById(serverId, manager, true)))
        throw new NotFoundException(`server ${serverId} does not exist`);
      const values: VirtualServerValues = {
        serverId,
        protocol: request.protocol,
        name: request.name,
        bindAddress: request.bindAddress ?? '0.0.0.0',
        port: request.port,
        tlsPort: request.tlsPort ?? null,
        enabled: request.enabled ?? true,
        authMethods: request.authMethods ?? [...DEFAULT_AUTH_METHODS[request.protocol]],
        settings: plainSettings(request.settings ?? {}),
      };
      await this.check(manager, values, null);
      const vs = await this.virtualServers
        .create(manager, values)
        .catch((e: unknown) => rethrowConflict(e, nameTaken(values.name)));
      const after = toVirtualServerDto(vs);
      await this.audit.record(manager, actor, {
        action: 'create',
        objectType: 'virtual-server',
        objectId: vs.id,
        objectName: vs.name,
        after,
      });
      return after;
    });
  }

  /** `settings` merges key by key, so a client can change one limit without restating the others. */
  update(actor: Actor, id: string, changes: UpdateVirtualServerRequest): Promise<VirtualServerDto> {
    return inTransaction(this.db, async (manager) => {
      const found = await this.virtualServers.findById(id, manager);
      if (!found) throw new NotFoundException(`virtual server ${id} does not exist`);
      // Lock the server first, as create does, so port checks of concurrent changes run one at a time.
      await this.servers.findById(found.serverId, manager, true);
      const vs = await this.virtualServers.findById(id, manager, true);
      if (!vs) throw new NotFoundException(`virtual server ${id} does not exist`);
      const before = toVirtualServerDto(vs);
      const { settings, ...rest } = definedOnly(changes);
      Object.assign(vs, rest);
      if (settings) vs.settings = plainSettings({ ...vs.settings, ...settings });
      await this.check(manager, vs, id);
      const saved = await this.virtualServers
        .save(manager, vs)
        .catch((e: unknown) => rethrowConflict(e, nameTaken(vs.name)));
      const after = toVirtualServerDto(saved);
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'virtual-server',
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
      const vs = await this.virtualServers.findById(id, manager, true);
      if (!vs) throw new NotFoundException(`virtual server ${id} does not exist`);
      await this.virtualServers.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'delete',
        objectType: 'virtual-server',
        objectId: id,
        objectName: vs.name,
        before: toVirtualServerDto(vs),
      });
    });
  }

  /** Checks the rules, then that no other enabled virtual server of the server listens on the same address and port. */
  private async check(manager: EntityManager, vs: VirtualServerValues, ownId: string | null): Promise<void> {
    assertNoProblems(virtualServerProblems(vs));
    vs.bindAddress = canonicalIpAddress(vs.bindAddress);
    const others = (await this.virtualServers.findByServer(vs.serverId, manager)).filter((o) => o.id !== ownId);
    const conflict = findPortConflict(vs, others);
    if (conflict) {
      throw new ConflictException(
        `${conflict.field} ${conflict.port} on ${vs.bindAddress} is already used by the ${conflict.other.protocol} ` +
          `virtual server "${conflict.other.name}" of this server; choose another port or address, or disable one of them`,
      );
    }
  }
}
