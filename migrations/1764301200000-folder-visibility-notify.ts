import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * More of what an IMAP LIST shows, announced like a folder list change (payload 'folders' on the store's
 * channel, once per statement), so that sessions can keep it between commands: the grants of a folder
 * (RFC 4314 ACL: "Other Users/…"), an owner's alias (part of those names), the public folder tree and its
 * permissions (the shared namespace), and public stores coming or going (a public folder without a store
 * is listed \Noselect).
 */
export class FolderVisibilityNotify1764301200000 implements MigrationInterface {
  name = 'FolderVisibilityNotify1764301200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TRIGGER folder_acl_changed
        AFTER INSERT OR DELETE OR UPDATE ON folder_acl
        FOR EACH STATEMENT EXECUTE FUNCTION estafette_folder_list_changed();
      CREATE TRIGGER recipient_alias_changed
        AFTER UPDATE OF alias, primary_smtp_address ON recipient
        FOR EACH STATEMENT EXECUTE FUNCTION estafette_folder_list_changed();
      CREATE TRIGGER public_folder_changed
        AFTER INSERT OR DELETE OR UPDATE ON public_folder
        FOR EACH STATEMENT EXECUTE FUNCTION estafette_folder_list_changed();
      CREATE TRIGGER public_folder_permission_changed
        AFTER INSERT OR DELETE OR UPDATE ON public_folder_permission
        FOR EACH STATEMENT EXECUTE FUNCTION estafette_folder_list_changed();
      CREATE TRIGGER information_store_added_or_removed
        AFTER INSERT OR DELETE ON information_store
        FOR EACH STATEMENT EXECUTE FUNCTION estafette_folder_list_changed();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER information_store_added_or_removed ON information_store;
      DROP TRIGGER public_folder_permission_changed ON public_folder_permission;
      DROP TRIGGER public_folder_changed ON public_folder;
      DROP TRIGGER recipient_alias_changed ON recipient;
      DROP TRIGGER folder_acl_changed ON folder_acl;
    `);
  }
}
