import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-folder change journal: every append, flag change, expunge and folder change with its MODSEQ.
 * It feeds IMAP IDLE, CONDSTORE/QRESYNC (VANISHED) and webmail updates; a NOTIFY only says which folder
 * reached which MODSEQ, and listeners read what changed from here.
 */
export class FolderChange1764300100005 implements MigrationInterface {
  name = 'FolderChange1764300100005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE folder_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        folder_id uuid NOT NULL REFERENCES folder(id) ON DELETE CASCADE,
        modseq bigint NOT NULL,
        kind varchar(8) NOT NULL CHECK (kind IN ('append', 'flags', 'expunge', 'folder')),
        uid bigint,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'folder') = (uid IS NULL))
      );
      CREATE INDEX folder_change_modseq ON folder_change (folder_id, modseq);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE folder_change`);
  }
}
