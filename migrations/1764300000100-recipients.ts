import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recipient containers, recipients, their addresses and group membership. */
export class Recipients1764300000100 implements MigrationInterface {
  name = 'Recipients1764300000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE recipient_container (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid REFERENCES recipient_container(id) ON DELETE RESTRICT,
        name varchar(64) NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX recipient_container_name
        ON recipient_container (COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));

      CREATE TABLE recipient (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL CHECK (kind IN ('user', 'contact', 'group', 'query-group')),
        container_id uuid NOT NULL REFERENCES recipient_container(id) ON DELETE RESTRICT,
        alias varchar(64) NOT NULL,
        display_name varchar(256) NOT NULL,
        first_name varchar(64) NOT NULL DEFAULT '',
        last_name varchar(64) NOT NULL DEFAULT '',
        initials varchar(6) NOT NULL DEFAULT '',
        title varchar(64) NOT NULL DEFAULT '',
        department varchar(64) NOT NULL DEFAULT '',
        company varchar(64) NOT NULL DEFAULT '',
        office varchar(128) NOT NULL DEFAULT '',
        telephone varchar(64) NOT NULL DEFAULT '',
        mobile varchar(64) NOT NULL DEFAULT '',
        home_phone varchar(64) NOT NULL DEFAULT '',
        fax varchar(64) NOT NULL DEFAULT '',
        notes text NOT NULL DEFAULT '',
        -- The primary SMTP address, denormalised from recipient_address for sorting and display.
        primary_smtp_address varchar(320),
        -- Mail-enabled users and contacts deliver to an external address.
        target_address varchar(320),
        mailbox_store_id uuid REFERENCES information_store(id) ON DELETE RESTRICT,
        hidden_from_address_lists boolean NOT NULL DEFAULT false,
        account_disabled boolean NOT NULL DEFAULT false,
        -- Delivery restrictions.
        accept_from_ids uuid[] NOT NULL DEFAULT '{}',
        reject_from_ids uuid[] NOT NULL DEFAULT '{}',
        require_authenticated_senders boolean NOT NULL DEFAULT false,
        -- Delivery options.
        forwarding_recipient_id uuid REFERENCES recipient(id) ON DELETE SET NULL,
        deliver_and_forward boolean NOT NULL DEFAULT false,
        send_on_behalf_ids uuid[] NOT NULL DEFAULT '{}',
        send_as_ids uuid[] NOT NULL DEFAULT '{}',
        -- Storage and message limits; NULL means the store's or organisation's default.
        use_store_defaults boolean NOT NULL DEFAULT true,
        issue_warning_kb integer CHECK (issue_warning_kb >= 0),
        prohibit_send_kb integer CHECK (prohibit_send_kb >= 0),
        prohibit_send_receive_kb integer CHECK (prohibit_send_receive_kb >= 0),
        max_send_size_kb integer CHECK (max_send_size_kb > 0),
        max_receive_size_kb integer CHECK (max_receive_size_kb > 0),
        max_recipients integer CHECK (max_recipients > 0),
        -- Protocol settings per user.
        pop3_enabled boolean NOT NULL DEFAULT true,
        imap4_enabled boolean NOT NULL DEFAULT true,
        owa_enabled boolean NOT NULL DEFAULT true,
        nntp_enabled boolean NOT NULL DEFAULT true,
        -- Groups: distribution or security; query-based groups: the filter over recipient attributes.
        group_type varchar(16) CHECK (group_type IN ('distribution', 'security')),
        managed_by_id uuid REFERENCES recipient(id) ON DELETE SET NULL,
        query_filter jsonb,
        -- Set by a recipient policy that generated the addresses; cleared when edited by hand.
        addresses_from_policy boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'query-group' OR query_filter IS NOT NULL),
        CHECK (kind <> 'contact' OR target_address IS NOT NULL)
      );
      CREATE UNIQUE INDEX recipient_alias ON recipient (lower(alias));
      -- Index-backed address book paging and prefix search (no full scans).
      CREATE INDEX recipient_display_sort ON recipient (lower(display_name) text_pattern_ops, id);
      CREATE INDEX recipient_alias_prefix ON recipient (lower(alias) text_pattern_ops);
      CREATE INDEX recipient_first_prefix ON recipient (lower(first_name) text_pattern_ops);
      CREATE INDEX recipient_last_prefix ON recipient (lower(last_name) text_pattern_ops);
      CREATE INDEX recipient_address_prefix ON recipient (lower(primary_smtp_address) text_pattern_ops);
      CREATE INDEX recipient_by_container ON recipient (container_id);
      CREATE INDEX recipient_mailbox_store ON recipient (mailbox_store_id);

      -- Every e-mail address belongs to at most one recipient or public folder (unique key).
      CREATE TABLE recipient_address (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid REFERENCES recipient(id) ON DELETE CASCADE,
        public_folder_id uuid,
        address varchar(320) NOT NULL,
        address_key varchar(320) NOT NULL,
        is_primary boolean NOT NULL DEFAULT false,
        from_policy boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((recipient_id IS NULL) <> (public_folder_id IS NULL))
      );
      CREATE UNIQUE INDEX recipient_address_key ON recipient_address (address_key);
      CREATE INDEX recipient_address_owner ON recipient_address (recipient_id);
      CREATE INDEX recipient_address_folder ON recipient_address (public_folder_id);
      CREATE UNIQUE INDEX recipient_address_one_primary ON recipient_address (recipient_id) WHERE is_primary AND recipient_id IS NOT NULL;

      CREATE TABLE group_member (
        group_id uuid NOT NULL REFERENCES recipient(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES recipient(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, member_id),
        CHECK (group_id <> member_id)
      );
      CREATE INDEX group_member_member ON group_member (member_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE group_member, recipient_address, recipient, recipient_container;`);
  }
}
