import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the address book and the public folder tree. Address book pages
 * are read in lower(display_name) order with the text_pattern_ops operators
 * (~<~), the same opclass as the prefix-search indexes, so one index serves
 * both ordering and LIKE 'prefix%' whatever the database collation.
 */
export class AddressBookIndexes1764300003001 implements MigrationInterface {
  name = 'AddressBookIndexes1764300003001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- All Contacts and All Groups are small slices of a large table: without their own
      -- ordered index a page would walk the whole display-name index or sort every recipient.
      -- The predicates match the address list queries word for word (planner implication).
      CREATE INDEX recipient_book_contacts ON recipient (lower(display_name) text_pattern_ops, id)
        WHERE kind = 'contact' AND NOT hidden_from_address_lists;
      CREATE INDEX recipient_book_groups ON recipient (lower(display_name) text_pattern_ops, id)
        WHERE kind IN ('group', 'query-group') AND NOT hidden_from_address_lists;

      -- Mail-enabled public folders in the address book, same ordering as recipients.
      CREATE INDEX public_folder_address_book ON public_folder (lower(COALESCE(display_name, name)) text_pattern_ops, id)
        WHERE mail_enabled AND NOT hidden_from_address_lists;
      -- Children of a folder by name; the sibling-name unique index keys on COALESCE(parent_id, ...).
      CREATE INDEX public_folder_children ON public_folder (parent_id, lower(name));
      -- A public folder has at most one primary address, as a recipient does.
      CREATE UNIQUE INDEX recipient_address_folder_one_primary ON recipient_address (public_folder_id)
        WHERE is_primary AND public_folder_id IS NOT NULL;

      CREATE INDEX address_list_children ON address_list (parent_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX address_list_children, recipient_address_folder_one_primary, public_folder_children,
        public_folder_address_book, recipient_book_groups, recipient_book_contacts;
    `);
  }
}
