import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages: IMAP metadata (UID, MODSEQ, flags, internal date, size), the header fields lists show, the
 * cached ENVELOPE and BODYSTRUCTURE, and a reference to the raw bytes in the store's blob namespace.
 * An expunged message keeps its row with deleted_at set until the store's deleted item retention ends.
 */
export class Message1764300100004 implements MigrationInterface {
  name = 'Message1764300100004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        folder_id uuid NOT NULL REFERENCES folder(id) ON DELETE CASCADE,
        uid bigint NOT NULL CHECK (uid BETWEEN 1 AND 4294967295),
        modseq bigint NOT NULL CHECK (modseq >= 1),
        flags text[] NOT NULL DEFAULT '{}',
        internal_date timestamptz NOT NULL,
        size integer NOT NULL CHECK (size >= 0),
        information_store_id uuid NOT NULL,
        blob_sha256 varchar(64) NOT NULL,
        message_id text,
        subject text NOT NULL DEFAULT '',
        from_address text NOT NULL DEFAULT '',
        to_addresses text NOT NULL DEFAULT '',
        cc_addresses text NOT NULL DEFAULT '',
        sent_at timestamptz,
        in_reply_to text,
        message_references text[] NOT NULL DEFAULT '{}',
        envelope jsonb NOT NULL,
        body_structure jsonb NOT NULL,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (information_store_id, blob_sha256) REFERENCES store_blob (information_store_id, sha256)
          ON DELETE RESTRICT,
        UNIQUE (folder_id, uid)
      );
      -- Message lists and CONDSTORE/QRESYNC: by folder and UID (the unique index), by folder and MODSEQ.
      CREATE INDEX message_folder_modseq ON message (folder_id, modseq);
      CREATE INDEX message_folder_live ON message (folder_id, uid) WHERE deleted_at IS NULL;
      CREATE INDEX message_folder_date ON message (folder_id, internal_date) WHERE deleted_at IS NULL;
      CREATE INDEX message_deleted ON message (deleted_at) WHERE deleted_at IS NOT NULL;
      CREATE INDEX message_blob ON message (information_store_id, blob_sha256);
      CREATE INDEX message_message_id ON message (message_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE message`);
  }
}
