import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single-instance storage: one row per raw message per information store, however many mailboxes of the
 * store hold it. refcount counts the message rows that point at it; the blob garbage collector removes rows
 * (and files) that reached zero.
 */
export class StoreBlob1764300100003 implements MigrationInterface {
  name = 'StoreBlob1764300100003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE store_blob (
        information_store_id uuid NOT NULL REFERENCES information_store(id) ON DELETE RESTRICT,
        sha256 varchar(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size >= 0),
        refcount integer NOT NULL DEFAULT 0 CHECK (refcount >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (information_store_id, sha256)
      );
      CREATE INDEX store_blob_unreferenced ON store_blob (information_store_id) WHERE refcount = 0;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE store_blob`);
  }
}
