import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DKIM signing keys per authoritative domain (RFC 6376). The administrator generates a key pair, publishes
 * the public key as TXT at <selector>._domainkey.<domain>, and outbound mail from the domain is signed with
 * the domain's active key. Older keys stay (inactive) until their DNS records are retired.
 */
export class DkimKeys1764300200000 implements MigrationInterface {
  name = 'DkimKeys1764300200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dkim_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- ASCII (A-label), lower-case.
        domain varchar(253) NOT NULL,
        -- RFC 6376 §3.1: one or more DNS labels.
        selector varchar(63) NOT NULL
          CHECK (selector ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$'),
        algorithm varchar(16) NOT NULL DEFAULT 'rsa-sha256' CHECK (algorithm IN ('rsa-sha256')),
        private_key_pem text NOT NULL,
        -- The p= value: base64 of the DER SubjectPublicKeyInfo.
        public_key text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX dkim_key_selector ON dkim_key (domain, selector);
      -- The key outbound mail of a domain is signed with.
      CREATE UNIQUE INDEX dkim_key_active ON dkim_key (domain) WHERE active;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE dkim_key;`);
  }
}
