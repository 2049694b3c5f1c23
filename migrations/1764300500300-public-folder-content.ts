import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public folder content lives in the same mailbox/folder/message tables as mailboxes, so that IMAP's shared
 * namespace and NNTP read it with the same code: each public folder store gets one mailbox of kind 'public'
 * (no recipient), and each public folder that receives an item gets a folder in it, linked by
 * public_folder_id and created at first use. The tree itself (names, nesting, permissions) stays in
 * public_folder; the store folder's name is the public folder's id, never shown.
 */
export class PublicFolderContent1764300500300 implements MigrationInterface {
  name = 'PublicFolderContent1764300500300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE mailbox ADD COLUMN kind varchar(8) NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'public'));
      ALTER TABLE mailbox ADD CONSTRAINT mailbox_public_has_no_owner CHECK (kind = 'user' OR recipient_id IS NULL);
      CREATE UNIQUE INDEX mailbox_public_store ON mailbox (information_store_id) WHERE kind = 'public';
      ALTER TABLE folder ADD COLUMN public_folder_id uuid UNIQUE REFERENCES public_folder(id) ON DELETE CASCADE;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM mailbox WHERE kind = 'public';
      ALTER TABLE folder DROP COLUMN public_folder_id;
      DROP INDEX mailbox_public_store;
      ALTER TABLE mailbox DROP CONSTRAINT mailbox_public_has_no_owner;
      ALTER TABLE mailbox DROP COLUMN kind;
    `);
  }
}
