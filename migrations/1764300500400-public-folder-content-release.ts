import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deleting a public folder must release the blob references of its items, which a cascading delete of the
 * content folder would skip (message rows would vanish without their store_blob refcounts going down). The
 * content folder is kept instead, detached (public_folder_id NULL), and the store's maintenance pass deletes
 * detached content folders with their items, releasing the references as every other purge does.
 */
export class PublicFolderContentRelease1764300500400 implements MigrationInterface {
  name = 'PublicFolderContentRelease1764300500400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE folder DROP CONSTRAINT folder_public_folder_id_fkey;
      ALTER TABLE folder ADD CONSTRAINT folder_public_folder_id_fkey
        FOREIGN KEY (public_folder_id) REFERENCES public_folder(id) ON DELETE SET NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE folder DROP CONSTRAINT folder_public_folder_id_fkey;
      ALTER TABLE folder ADD CONSTRAINT folder_public_folder_id_fkey
        FOREIGN KEY (public_folder_id) REFERENCES public_folder(id) ON DELETE CASCADE;
    `);
  }
}
