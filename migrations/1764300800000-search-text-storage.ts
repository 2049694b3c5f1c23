import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The text a message waits to be indexed with lives only until the indexer has built its vector: stored
 * out of line without compression (STORAGE EXTERNAL). Compressing it cost more than half of a delivery's
 * INSERT for a typical 15 KB body, for bytes that are cleared again seconds later.
 */
export class SearchTextStorage1764300800000 implements MigrationInterface {
  name = 'SearchTextStorage1764300800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE message ALTER COLUMN search_text SET STORAGE EXTERNAL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE message ALTER COLUMN search_text SET STORAGE EXTENDED`);
  }
}
