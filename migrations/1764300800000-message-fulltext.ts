import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full-text index moves out of the message row into a table of its own, one row per message. Every
 * flag change and expunge rewrites a message row; with the vector in it, each rewrite entered all of the
 * message's words into the GIN index again, and the indexer's own update rewrote the row and every index
 * of the message table. The text waiting for the indexer is kept uncompressed (STORAGE EXTERNAL): it
 * lives only seconds, and compressing it cost more than the rest of a delivery's insert.
 */
export class MessageFulltext1764300800000 implements MigrationInterface {
  name = 'MessageFulltext1764300800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE message_fulltext (
        message_id uuid PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
        -- The text to index, until the indexer has built search_vector (then NULL).
        search_text text,
        search_vector tsvector
      );
      ALTER TABLE message_fulltext ALTER COLUMN search_text SET STORAGE EXTERNAL;
      INSERT INTO message_fulltext (message_id, search_text, search_vector)
        SELECT id, search_text, search_vector FROM message;
      CREATE INDEX message_fulltext_vector ON message_fulltext USING gin (search_vector);
      CREATE INDEX message_fulltext_pending ON message_fulltext (message_id) WHERE search_vector IS NULL;
      DROP INDEX message_search_pending;
      DROP INDEX message_search;
      ALTER TABLE message DROP COLUMN search_text, DROP COLUMN search_vector;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE message ADD COLUMN search_vector tsvector, ADD COLUMN search_text text;
      UPDATE message m SET search_vector = t.search_vector, search_text = t.search_text
        FROM message_fulltext t WHERE t.message_id = m.id;
      CREATE INDEX message_search ON message USING gin (search_vector);
      CREATE INDEX message_search_pending ON message (id) WHERE search_vector IS NULL;
      DROP TABLE message_fulltext;
    `);
  }
}
