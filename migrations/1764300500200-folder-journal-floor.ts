import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change journal is pruned (rows older than the journal retention, 30 days by default). journal_floor
 * is the highest MODSEQ whose journal rows may be gone: the journal is complete only for changes after it,
 * so a CONDSTORE/QRESYNC client that last saw an older MODSEQ gets a full resynchronisation instead of a
 * VANISHED list that would miss expunges (RFC 7162 §3.2.5.2). 0: nothing was ever pruned.
 */
export class FolderJournalFloor1764300500200 implements MigrationInterface {
  name = 'FolderJournalFloor1764300500200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE folder ADD COLUMN journal_floor bigint NOT NULL DEFAULT 0 CHECK (journal_floor >= 0);
      -- The maintenance pass looks for old rows across all folders.
      CREATE INDEX folder_change_age ON folder_change (changed_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX folder_change_age;
      ALTER TABLE folder DROP COLUMN journal_floor;
    `);
  }
}
