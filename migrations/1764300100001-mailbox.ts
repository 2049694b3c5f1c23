import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Store mailboxes: one per mailbox-enabled recipient, created at first delivery or logon (as Exchange did),
 * in the information store that homes the recipient. Deleting the recipient disconnects the mailbox
 * (recipient_id NULL); the store's maintenance purges disconnected mailboxes after their retention.
 */
export class Mailbox1764300100001 implements MigrationInterface {
  name = 'Mailbox1764300100001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mailbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid UNIQUE REFERENCES recipient(id) ON DELETE SET NULL,
        information_store_id uuid NOT NULL REFERENCES information_store(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_logon_at timestamptz,
        last_quota_warning_at timestamptz,
        disconnected_at timestamptz
      );
      CREATE INDEX mailbox_store ON mailbox (information_store_id);
      CREATE INDEX mailbox_disconnected ON mailbox (disconnected_at) WHERE recipient_id IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mailbox`);
  }
}
