import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Credentials, administrative roles with scopes, web sessions, API tokens and the audit log. */
export class Security1764300000300 implements MigrationInterface {
  name = 'Security1764300000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE credential (
        recipient_id uuid PRIMARY KEY REFERENCES recipient(id) ON DELETE CASCADE,
        password_hash text NOT NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now()
      );

      -- Delegation as in Exchange: a role at a scope (organisation, administrative group, recipient container).
      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL REFERENCES recipient(id) ON DELETE CASCADE,
        role varchar(32) NOT NULL CHECK (role IN ('full-administrator', 'administrator', 'view-only-administrator')),
        scope_type varchar(32) NOT NULL CHECK (scope_type IN ('organization', 'administrative-group', 'recipient-container')),
        scope_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope_type = 'organization') = (scope_id IS NULL))
      );
      CREATE UNIQUE INDEX role_assignment_entry
        ON role_assignment (recipient_id, role, scope_type, COALESCE(scope_id, '00000000-0000-0000-0000-000000000000'::uuid));

      -- Only hashes of session ids and tokens are stored: a database dump grants no access.
      CREATE TABLE web_session (
        id_hash char(64) PRIMARY KEY,
        recipient_id uuid NOT NULL REFERENCES recipient(id) ON DELETE CASCADE,
        csrf_token char(64) NOT NULL,
        client_address varchar(64) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX web_session_expiry ON web_session (expires_at);

      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL REFERENCES recipient(id) ON DELETE CASCADE,
        name varchar(64) NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        expires_at timestamptz
      );

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_name varchar(256) NOT NULL,
        client_address varchar(64) NOT NULL DEFAULT '',
        action varchar(64) NOT NULL,
        object_type varchar(64) NOT NULL,
        object_id varchar(64),
        object_name varchar(256) NOT NULL DEFAULT '',
        before jsonb,
        after jsonb
      );
      CREATE INDEX audit_log_at ON audit_log (at DESC);
      CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_log, api_token, web_session, role_assignment, credential;`);
  }
}
