import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthMethod, ProtocolName, VirtualServerSettings } from '@estafette/contracts';
import { addressKey } from '@estafette/mime';
import { AuditLogService, CredentialService, RoleService, SYSTEM_ACTOR } from '@estafette/security';
import type { ListenerDefaults, SetupOptions, SetupResult } from './setup-options';

const PROTOCOL_LABEL: Record<ProtocolName, string> = {
  smtp: 'Default SMTP Virtual Server',
  pop3: 'Default POP3 Virtual Server',
  imap4: 'Default IMAP4 Virtual Server',
  nntp: 'Default NNTP Virtual Server',
  ldap: 'Default LDAP Virtual Server',
  http: 'Default HTTP Virtual Server',
};

const AUTH_METHODS: Record<ProtocolName, AuthMethod[]> = {
  // Exchange 2003's Default SMTP Virtual Server allows anonymous access: other domains' servers send without a password.
  smtp: ['anonymous', 'plain', 'login'],
  pop3: ['plain', 'login'],
  imap4: ['plain', 'login'],
  nntp: ['plain', 'anonymous'],
  ldap: ['basic', 'anonymous'],
  http: ['basic'],
};

function settingsFor(listener: ListenerDefaults): VirtualServerSettings {
  const base: VirtualServerSettings = {
    maxConnections: 1000,
    connectionTimeoutSeconds: 600,
    allowPlaintextAuth: false,
  };
  if (listener.protocol !== 'smtp') return base;
  return {
    ...base,
    // No open relay: only authenticated clients relay to non-authoritative domains.
    relay: { allowAuthenticatedRelay: true, relayFrom: [] },
    maxMessageSizeKb: 10240,
    maxRecipients: 5000,
    submissionPort: listener.submissionPort,
  };
}

async function insertReturningId(manager: EntityManager, sql: string, params: unknown[]): Promise<string> {
  const rows = await manager.query<Array<{ id: string }>>(sql, params);
  return rows[0].id;
}

/**
 * First run, as Exchange setup did it: on an empty database create First
 * Organisation with its groups, this server, its storage and protocols, the
 * default recipient policy and address lists, and the administrator. When the
 * organisation exists but this server does not, register the server alone.
 */
@Injectable()
export class OrganizationSetupService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly credentials: CredentialService,
    private readonly roles: RoleService,
    private readonly audit: AuditLogService,
  ) {}

  run(options: SetupOptions, adminPassword: string): Promise<SetupResult> {
    return this.db.transaction(async (manager) => {
      // Serialise concurrent first starts of several processes on one database.
      await manager.query(`LOCK TABLE organization IN EXCLUSIVE MODE`);
      const existing = await manager.query<Array<{ id: string }>>(`SELECT id FROM organization`);
      const createdOrganization = existing.length === 0;
      if (createdOrganization) await this.createOrganization(manager, options.domain);

      const server = await manager.query<Array<{ id: string }>>(`SELECT id FROM server WHERE lower(name) = lower($1)`, [
        options.serverName,
      ]);
      let serverId = server[0]?.id;
      const registeredServer = !serverId;
      if (!serverId) serverId = await this.registerServer(manager, options);
      await manager.query(`UPDATE server SET last_started_at = now(), version = $2 WHERE id = $1`, [
        serverId,
        options.version,
      ]);

      let administratorId: string | null = null;
      if (createdOrganization)
        administratorId = await this.createAdministrator(manager, options.domain, serverId, adminPassword);
      return { createdOrganization, registeredServer, serverId, administratorId };
    });
  }

  private async createOrganization(manager: EntityManager, domain: string): Promise<void> {
    const orgId = await insertReturningId(
      manager,
      `INSERT INTO organization (name) VALUES ('First Organization') RETURNING id`,
      [],
    );
    const agId = await insertReturningId(
      manager,
      `INSERT INTO administrative_group (name) VALUES ('First Administrative Group') RETURNING id`,
      [],
    );
    await manager.query(
      `INSERT INTO routing_group (name, administrative_group_id) VALUES ('First Routing Group', $1)`,
      [agId],
    );
    await manager.query(
      `INSERT INTO recipient_container (name, description) VALUES ('Users', 'Default container for users and groups')`,
    );
    await manager.query(
      `INSERT INTO recipient_policy (name, priority, is_default, filter, address_templates)
       VALUES ('Default Policy', 2147483647, true, NULL, $1)`,
      [JSON.stringify([{ template: `%m@${domain}`, primary: true }])],
    );
    const lists: Array<[string, string, string | null]> = [
      ['Default Global Address List', 'global', null],
      ['All Users', 'all-users', null],
      ['All Contacts', 'all-contacts', null],
      ['All Groups', 'all-groups', null],
      ['Public Folders', 'public-folders', null],
    ];
    for (const [name, kind] of lists) {
      await manager.query(`INSERT INTO address_list (name, kind, system) VALUES ($1, $2, true)`, [name, kind]);
    }
    await manager.query(
      `INSERT INTO public_folder (name, description) VALUES ('Public Folders', 'The public folder tree')`,
    );
    await this.audit.record(manager, SYSTEM_ACTOR, {
      action: 'create',
      objectType: 'organization',
      objectId: orgId,
      objectName: 'First Organization',
      after: { domain },
    });
  }

  private async registerServer(manager: EntityManager, options: SetupOptions): Promise<string> {
    const [group] = await manager.query<Array<{ ag: string; rg: string }>>(
      `SELECT rg.administrative_group_id AS ag, rg.id AS rg FROM routing_group rg ORDER BY rg.created_at LIMIT 1`,
    );
    const serverId = await insertReturningId(
      manager,
      `INSERT INTO server (name, administrative_group_id, routing_group_id, version) VALUES ($1, $2, $3, $4) RETURNING id`,
      [options.serverName, group.ag, group.rg, options.version],
    );
    await manager.query(`UPDATE routing_group SET master_server_id = $1 WHERE id = $2 AND master_server_id IS NULL`, [
      serverId,
      group.rg,
    ]);
    const sgId = await insertReturningId(
      manager,
      `INSERT INTO storage_group (server_id, name) VALUES ($1, 'First Storage Group') RETURNING id`,
      [serverId],
    );
    const shortName = options.serverName.split('.')[0].toUpperCase();
    await manager.query(
      `INSERT INTO information_store (storage_group_id, kind, name, issue_warning_kb, prohibit_send_kb, prohibit_send_receive_kb)
       VALUES ($1, 'mailbox', $2, 1945600, 2097152, 2411724), ($1, 'public', $3, NULL, NULL, NULL)`,
      [sgId, `Mailbox Store (${shortName})`, `Public Folder Store (${shortName})`],
    );
    for (const listener of options.listeners) {
      await manager.query(
        `INSERT INTO protocol_virtual_server (server_id, protocol, name, bind_address, port, tls_port, auth_methods, settings)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          serverId,
          listener.protocol,
          PROTOCOL_LABEL[listener.protocol],
          options.bindAddress,
          listener.port,
          listener.tlsPort,
          AUTH_METHODS[listener.protocol],
          JSON.stringify(settingsFor(listener)),
        ],
      );
    }
    await this.audit.record(manager, SYSTEM_ACTOR, {
      action: 'create',
      objectType: 'server',
      objectId: serverId,
      objectName: options.serverName,
    });
    return serverId;
  }

  private async createAdministrator(
    manager: EntityManager,
    domain: string,
    serverId: string,
    password: string,
  ): Promise<string> {
    const [store] = await manager.query<Array<{ id: string }>>(
      `SELECT s.id FROM information_store s JOIN storage_group g ON g.id = s.storage_group_id
       WHERE g.server_id = $1 AND s.kind = 'mailbox' ORDER BY s.created_at LIMIT 1`,
      [serverId],
    );
    const [container] = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM recipient_container WHERE parent_id IS NULL AND lower(name) = 'users'`,
    );
    const address = `administrator@${domain}`;
    const id = await insertReturningId(
      manager,
      `INSERT INTO recipient (kind, container_id, alias, display_name, primary_smtp_address, mailbox_store_id)
       VALUES ('user', $1, 'administrator', 'Administrator', $2, $3) RETURNING id`,
      [container.id, address, store.id],
    );
    await manager.query(
      `INSERT INTO recipient_address (recipient_id, address, address_key, is_primary, from_policy) VALUES ($1, $2, $3, true, true)`,
      [id, address, addressKey(address)],
    );
    await this.credentials.setPassword(manager, id, password);
    await this.roles.assign(manager, id, 'full-administrator', 'organization', null);
    await this.audit.record(manager, SYSTEM_ACTOR, {
      action: 'create',
      objectType: 'recipient',
      objectId: id,
      objectName: 'Administrator',
      after: { alias: 'administrator', primarySmtpAddress: address, role: 'full-administrator' },
    });
    return id;
  }
}
