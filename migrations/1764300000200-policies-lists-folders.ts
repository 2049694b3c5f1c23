import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recipient policies, address lists and the public folder hierarchy. */
export class PoliciesListsFolders1764300000200 implements MigrationInterface {
  name = 'PoliciesListsFolders1764300000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE recipient_policy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        -- Lower number wins; the default policy always applies last.
        priority integer NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        -- Which recipients the policy applies to (same filter language as address lists); NULL: all.
        filter jsonb,
        -- [{ "template": "%g.%s@example.com", "primary": true }]
        address_templates jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX recipient_policy_name ON recipient_policy (lower(name));
      CREATE UNIQUE INDEX recipient_policy_default ON recipient_policy ((true)) WHERE is_default;

      CREATE TABLE address_list (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid REFERENCES address_list(id) ON DELETE CASCADE,
        name varchar(128) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('global', 'all-users', 'all-contacts', 'all-groups', 'public-folders', 'custom')),
        filter jsonb,
        system boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'custom' OR filter IS NOT NULL)
      );
      CREATE UNIQUE INDEX address_list_name ON address_list (lower(name));

      CREATE TABLE public_folder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid REFERENCES public_folder(id) ON DELETE RESTRICT,
        name varchar(128) NOT NULL,
        description text NOT NULL DEFAULT '',
        owner_id uuid REFERENCES recipient(id) ON DELETE SET NULL,
        mail_enabled boolean NOT NULL DEFAULT false,
        alias varchar(64),
        display_name varchar(256),
        hidden_from_address_lists boolean NOT NULL DEFAULT false,
        public_store_id uuid REFERENCES information_store(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX public_folder_name
        ON public_folder (COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
      CREATE UNIQUE INDEX public_folder_alias ON public_folder (lower(alias)) WHERE alias IS NOT NULL;
      ALTER TABLE recipient_address ADD CONSTRAINT recipient_address_folder_fk
        FOREIGN KEY (public_folder_id) REFERENCES public_folder(id) ON DELETE CASCADE;

      -- A NULL recipient stands for the Default (every authenticated user) or Anonymous entry.
      CREATE TABLE public_folder_permission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        folder_id uuid NOT NULL REFERENCES public_folder(id) ON DELETE CASCADE,
        principal varchar(16) NOT NULL CHECK (principal IN ('recipient', 'default', 'anonymous')),
        recipient_id uuid REFERENCES recipient(id) ON DELETE CASCADE,
        role varchar(24) NOT NULL CHECK (role IN ('owner', 'publishing-editor', 'editor', 'publishing-author',
          'author', 'nonediting-author', 'reviewer', 'contributor', 'none')),
        CHECK ((principal = 'recipient') = (recipient_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX public_folder_permission_entry
        ON public_folder_permission (folder_id, principal, COALESCE(recipient_id, '00000000-0000-0000-0000-000000000000'::uuid));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE recipient_address DROP CONSTRAINT recipient_address_folder_fk;
      DROP TABLE public_folder_permission, public_folder, address_list, recipient_policy;
    `);
  }
}
