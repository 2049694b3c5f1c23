import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Folder permissions of mailbox folders, in RFC 4314 rights letters: what IMAP ACL shows and edits and what
 * Outlook calls folder permissions and delegate access. The owner of the mailbox always has every right and
 * has no row. grantee_id NULL is the "anyone" identifier (every authenticated user of the organisation).
 * Rights are stored canonical: the letters of "lrswipkxtea" in that order, no obsolete "c"/"d".
 */
export class FolderAcl1764300400000 implements MigrationInterface {
  name = 'FolderAcl1764300400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE folder_acl (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        folder_id uuid NOT NULL REFERENCES folder(id) ON DELETE CASCADE,
        grantee_id uuid REFERENCES recipient(id) ON DELETE CASCADE,
        rights varchar(16) NOT NULL CHECK (rights ~ '^l?r?s?w?i?p?k?x?t?e?a?$' AND rights <> ''),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX folder_acl_grantee ON folder_acl
        (folder_id, COALESCE(grantee_id, '00000000-0000-0000-0000-000000000000'::uuid));
      -- "What did others share with me": the other-users namespace lists these.
      CREATE INDEX folder_acl_by_grantee ON folder_acl (grantee_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE folder_acl`);
  }
}
