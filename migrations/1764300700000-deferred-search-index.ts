import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text indexing in the background, as Exchange's content indexing did: a new message keeps the text
 * to index in search_text and a NULL search_vector until the store's indexer computes the vector (and
 * clears the text). Searches treat a pending message by computing its vector on the fly, so results do
 * not depend on whether the indexer has caught up.
 */
export class DeferredSearchIndex1764300700000 implements MigrationInterface {
  name = 'DeferredSearchIndex1764300700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE message ALTER COLUMN search_vector DROP NOT NULL;
      ALTER TABLE message ALTER COLUMN search_vector DROP DEFAULT;
      ALTER TABLE message ADD COLUMN search_text text;
      CREATE INDEX message_search_pending ON message (id) WHERE search_vector IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX message_search_pending;
      UPDATE message SET search_vector = ''::tsvector WHERE search_vector IS NULL;
      ALTER TABLE message DROP COLUMN search_text;
      ALTER TABLE message ALTER COLUMN search_vector SET DEFAULT ''::tsvector;
      ALTER TABLE message ALTER COLUMN search_vector SET NOT NULL;
    `);
  }
}
