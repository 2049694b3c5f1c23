import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mailbox folders. UIDs and MODSEQs are allocated per folder by one UPDATE … RETURNING of uidnext and
 * highest_modseq in the transaction that inserts or changes messages, so they strictly increase in commit
 * order. message_count and size_bytes are kept by the same statements, so quotas and statistics never scan
 * messages. UIDVALIDITY comes from a sequence seeded with the epoch seconds of installation: a folder
 * deleted and created again under the same name never reuses one (RFC 3501 §2.3.1.1).
 */
export class Folder1764300100002 implements MigrationInterface {
  name = 'Folder1764300100002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE SEQUENCE folder_uidvalidity_seq MINVALUE 1 MAXVALUE 4294967295;
      SELECT setval('folder_uidvalidity_seq', extract(epoch FROM now())::bigint);

      CREATE TABLE folder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mailbox_id uuid NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,
        parent_id uuid REFERENCES folder(id) ON DELETE CASCADE,
        name varchar(255) NOT NULL CHECK (name <> '' AND strpos(name, '/') = 0 AND name = btrim(name)),
        -- Role of a default folder: inbox, sent, drafts, trash (Deleted Items), junk (Junk E-mail), outbox,
        -- and later calendar, contacts, tasks. IMAP shows them with RFC 6154 SPECIAL-USE attributes.
        special_use varchar(16) CHECK (special_use IN
          ('inbox', 'sent', 'drafts', 'trash', 'junk', 'outbox', 'calendar', 'contacts', 'tasks')),
        uidvalidity bigint NOT NULL DEFAULT nextval('folder_uidvalidity_seq') CHECK (uidvalidity BETWEEN 1 AND 4294967295),
        uidnext bigint NOT NULL DEFAULT 1 CHECK (uidnext BETWEEN 1 AND 4294967296),
        highest_modseq bigint NOT NULL DEFAULT 1 CHECK (highest_modseq >= 1),
        message_count integer NOT NULL DEFAULT 0 CHECK (message_count >= 0),
        size_bytes bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
        subscribed boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER SEQUENCE folder_uidvalidity_seq OWNED BY folder.uidvalidity;
      -- Sibling names are unique case-insensitively; top-level folders have parent_id NULL.
      CREATE UNIQUE INDEX folder_name ON folder
        (mailbox_id, COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
      CREATE UNIQUE INDEX folder_role ON folder (mailbox_id, special_use) WHERE special_use IS NOT NULL;
      CREATE INDEX folder_children ON folder (parent_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE folder`);
  }
}
