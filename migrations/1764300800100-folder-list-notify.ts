import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification when a mailbox's folder list may have changed (a folder created, deleted, renamed,
 * moved, subscribed; a mailbox deleted or given to another user; a store mounted or dismounted), so that
 * IMAP sessions can keep the list they resolve names against instead of reading it at every command. One
 * notification per statement, on the store's channel (payload 'folders'); the counters the store updates
 * with every message are not among the watched columns.
 */
export class FolderListNotify1764300800100 implements MigrationInterface {
  name = 'FolderListNotify1764300800100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION estafette_folder_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('estafette_store', 'folders');
        RETURN NULL;
      END $$;
      CREATE TRIGGER folder_list_changed
        AFTER INSERT OR DELETE OR UPDATE OF name, parent_id, subscribed, special_use, mailbox_id ON folder
        FOR EACH STATEMENT EXECUTE FUNCTION estafette_folder_list_changed();
      CREATE TRIGGER mailbox_owner_changed
        AFTER DELETE OR UPDATE OF recipient_id, information_store_id ON mailbox
        FOR EACH STATEMENT EXECUTE FUNCTION estafette_folder_list_changed();
      CREATE TRIGGER store_mount_changed
        AFTER UPDATE OF mounted ON information_store
        FOR EACH STATEMENT EXECUTE FUNCTION estafette_folder_list_changed();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER store_mount_changed ON information_store;
      DROP TRIGGER mailbox_owner_changed ON mailbox;
      DROP TRIGGER folder_list_changed ON folder;
      DROP FUNCTION estafette_folder_list_changed();
    `);
  }
}
