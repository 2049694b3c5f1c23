import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The organisation and its topology: administrative and routing groups, servers, connectors, storage, protocols. */
export class Organisation1764300000000 implements MigrationInterface {
  name = 'Organisation1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        max_message_size_kb integer NOT NULL DEFAULT 10240 CHECK (max_message_size_kb > 0),
        max_recipients_per_message integer NOT NULL DEFAULT 5000 CHECK (max_recipients_per_message > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- Exactly one organisation per database, as in Exchange.
      CREATE UNIQUE INDEX organization_singleton ON organization ((true));

      CREATE TABLE administrative_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX administrative_group_name ON administrative_group (lower(name));

      CREATE TABLE routing_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        administrative_group_id uuid NOT NULL REFERENCES administrative_group(id) ON DELETE RESTRICT,
        master_server_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX routing_group_name ON routing_group (lower(name));

      CREATE TABLE server (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(255) NOT NULL,
        administrative_group_id uuid NOT NULL REFERENCES administrative_group(id) ON DELETE RESTRICT,
        routing_group_id uuid NOT NULL REFERENCES routing_group(id) ON DELETE RESTRICT,
        version varchar(32) NOT NULL DEFAULT '',
        last_started_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX server_name ON server (lower(name));
      ALTER TABLE routing_group ADD CONSTRAINT routing_group_master_fk
        FOREIGN KEY (master_server_id) REFERENCES server(id) ON DELETE SET NULL;

      CREATE TABLE routing_group_connector (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        source_routing_group_id uuid NOT NULL REFERENCES routing_group(id) ON DELETE CASCADE,
        target_routing_group_id uuid NOT NULL REFERENCES routing_group(id) ON DELETE CASCADE,
        cost integer NOT NULL DEFAULT 1 CHECK (cost BETWEEN 1 AND 100),
        source_bridgehead_ids uuid[] NOT NULL DEFAULT '{}',
        target_bridgehead_ids uuid[] NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (source_routing_group_id <> target_routing_group_id)
      );
      CREATE UNIQUE INDEX routing_group_connector_name ON routing_group_connector (lower(name));

      CREATE TABLE smtp_connector (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        routing_group_id uuid NOT NULL REFERENCES routing_group(id) ON DELETE CASCADE,
        -- [{ "type": "SMTP", "address": "*.example.com", "cost": 1 }]
        address_spaces jsonb NOT NULL DEFAULT '[]',
        smart_host varchar(255),
        scope varchar(16) NOT NULL DEFAULT 'organization' CHECK (scope IN ('organization', 'routing-group')),
        bridgehead_server_ids uuid[] NOT NULL DEFAULT '{}',
        max_message_size_kb integer CHECK (max_message_size_kb > 0),
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX smtp_connector_name ON smtp_connector (lower(name));

      CREATE TABLE storage_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        server_id uuid NOT NULL REFERENCES server(id) ON DELETE RESTRICT,
        name varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX storage_group_name ON storage_group (server_id, lower(name));

      CREATE TABLE information_store (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        storage_group_id uuid NOT NULL REFERENCES storage_group(id) ON DELETE RESTRICT,
        kind varchar(16) NOT NULL CHECK (kind IN ('mailbox', 'public')),
        name varchar(64) NOT NULL,
        issue_warning_kb integer CHECK (issue_warning_kb >= 0),
        prohibit_send_kb integer CHECK (prohibit_send_kb >= 0),
        prohibit_send_receive_kb integer CHECK (prohibit_send_receive_kb >= 0),
        deleted_item_retention_days integer NOT NULL DEFAULT 7 CHECK (deleted_item_retention_days BETWEEN 0 AND 24855),
        mounted boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX information_store_name ON information_store (storage_group_id, lower(name));

      CREATE TABLE protocol_virtual_server (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        server_id uuid NOT NULL REFERENCES server(id) ON DELETE CASCADE,
        protocol varchar(8) NOT NULL CHECK (protocol IN ('smtp', 'pop3', 'imap4', 'nntp', 'ldap', 'http')),
        name varchar(64) NOT NULL,
        bind_address varchar(64) NOT NULL DEFAULT '0.0.0.0',
        port integer NOT NULL CHECK (port BETWEEN 0 AND 65535),
        tls_port integer CHECK (tls_port BETWEEN 0 AND 65535),
        enabled boolean NOT NULL DEFAULT true,
        auth_methods text[] NOT NULL DEFAULT '{}',
        -- Protocol-specific settings (SMTP: relay restrictions, size and recipient limits, connection limits).
        settings jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX protocol_virtual_server_name ON protocol_virtual_server (server_id, protocol, lower(name));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE protocol_virtual_server, information_store, storage_group, smtp_connector,
        routing_group_connector;
      ALTER TABLE routing_group DROP CONSTRAINT routing_group_master_fk;
      DROP TABLE server, routing_group, administrative_group, organization;
    `);
  }
}
