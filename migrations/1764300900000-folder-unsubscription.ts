import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's subscriptions to folders that are not theirs: folders other users shared with them and public
 * folders. Such folders count as subscribed until the user unsubscribes (IMAP UNSUBSCRIBE, the webmail),
 * so a row records the opt-out; it goes with the folder or the user.
 */
export class FolderUnsubscription1764300900000 implements MigrationInterface {
  name = 'FolderUnsubscription1764300900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE folder_unsubscription (
        recipient_id uuid NOT NULL REFERENCES recipient (id) ON DELETE CASCADE,
        folder_id uuid NOT NULL REFERENCES folder (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (recipient_id, folder_id)
      );
      CREATE INDEX folder_unsubscription_folder ON folder_unsubscription (folder_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE folder_unsubscription;`);
  }
}
