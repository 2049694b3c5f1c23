import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search over sender, recipients, subject and the text body ('simple' configuration: no stemming,
 * so every language of the organisation is found as typed). The vector is computed at insert from the one
 * parse of the message; the GIN index serves only text search keys, never lists or sorting.
 */
export class MessageSearch1764300100006 implements MigrationInterface {
  name = 'MessageSearch1764300100006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE message ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector;
      CREATE INDEX message_search ON message USING gin (search_vector);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX message_search; ALTER TABLE message DROP COLUMN search_vector;`);
  }
}
