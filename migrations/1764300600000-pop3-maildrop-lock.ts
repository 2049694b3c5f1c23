import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The POP3 maildrop lock (RFC 1939 §8: exclusive access to the maildrop for one session). A row per
 * locked mailbox with a lease, so that the lock holds across server processes sharing one database and
 * a crashed process's lock ends by itself: the holder renews expires_at while its session lives; an
 * expired row may be taken over.
 */
export class Pop3MaildropLock1764300600000 implements MigrationInterface {
  name = 'Pop3MaildropLock1764300600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE pop3_maildrop_lock (
        mailbox_id uuid PRIMARY KEY REFERENCES mailbox(id) ON DELETE CASCADE,
        holder varchar(100) NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE pop3_maildrop_lock`);
  }
}
