import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The TLS certificate an administrator installed on a server (STARTTLS and implicit TLS listeners). A
 * server without a row uses the self-signed certificate it generated at first start in its data
 * directory. In the database rather than on disk so that the API of any server process can set it.
 */
export class ServerCertificates1764300200100 implements MigrationInterface {
  name = 'ServerCertificates1764300200100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE server_certificate (
        server_id uuid PRIMARY KEY REFERENCES server(id) ON DELETE CASCADE,
        -- The leaf certificate first, then any intermediates.
        certificate_pem text NOT NULL,
        private_key_pem text NOT NULL,
        subject varchar(1024) NOT NULL,
        issuer varchar(1024) NOT NULL,
        fingerprint_sha256 varchar(95) NOT NULL,
        not_before timestamptz NOT NULL,
        not_after timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE server_certificate;`);
  }
}
