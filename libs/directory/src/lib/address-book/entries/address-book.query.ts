import { escapeLike } from '../../filters';
import type { AddressListMembership } from '../address-lists/address-list-membership';
import type { AddressBookPosition } from './address-book-cursor';

export interface AddressBookPageRequest {
  /** Rows to fetch; the service asks for one more than it returns to learn whether a next page exists. */
  limit: number;
  after: AddressBookPosition | null;
  search: string | null;
}

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/** One address book row as the query returns it (snake_case, straight from SQL). */
export interface AddressBookRow {
  id: string;
  type: string;
  display_name: string;
  alias: string | null;
  primary_smtp_address: string | null;
  title: string;
  department: string;
  company: string;
  office: string;
  telephone: string;
  sort_key: string;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/*
 * Why the SQL looks like this:
 * - Ordering and range tests use the text_pattern_ops operators (~<~, ~>=~, ~>~): the sort and
 *   prefix indexes of migration 1764300000100 are text_pattern_ops, and an index of that opclass only
 *   serves ORDER BY ... USING ~<~, never a plain ORDER BY (that needs the default opclass), whatever
 *   the collation. The order is therefore byte order of lower(display name), then id.
 * - The keyset test is spelt out (key ~>=~ k AND (key ~>~ k OR id > i)) rather than as a row
 *   comparison, because row comparisons use the default opclass; key ~>=~ k becomes the index range start.
 * - Search ORs per-column prefix tests, which PostgreSQL turns into a BitmapOr of the prefix indexes.
 *   The pattern is lower($n) || '%': the parameter is a constant in the (custom) plan, so the planner
 *   extracts the fixed prefix and builds index ranges from it.
 * - Each branch (recipients, public folders) is sorted and limited on its own, then merged.
 * - A folder's primary address is fetched per folder (LATERAL ... LIMIT 1, an index probe), never by
 *   hashing recipient_address, which holds every recipient's addresses too.
 */
function recipientBranch(
  member: NonNullable<AddressListMembership['recipients']>,
  request: AddressBookPageRequest,
  params: Params,
  limit: string,
): string {
  const where = ['NOT r.hidden_from_address_lists'];
  const compiled = member('r', params.values.length);
  params.values.push(...compiled.params);
  where.push(`(${compiled.sql})`);
  if (request.search !== null) {
    const s = params.add(escapeLike(request.search));
    const columns = ['r.display_name', 'r.alias', 'r.first_name', 'r.last_name', 'r.primary_smtp_address'];
    where.push(`(${columns.map((c) => `lower(${c}) LIKE lower(${s}) || '%'`).join(' OR ')})`);
  }
  if (request.after) {
    const k = params.add(request.after.key);
    const i = params.add(request.after.id);
    where.push(`lower(r.display_name) ~>=~ ${k} AND (lower(r.display_name) ~>~ ${k} OR r.id > ${i}::uuid)`);
  }
  return `(SELECT r.id, r.kind::text AS type, r.display_name::text AS display_name, r.alias::text AS alias,
      r.primary_smtp_address::text AS primary_smtp_address, r.title::text AS title, r.department::text AS department,
      r.company::text AS company, r.office::text AS office, r.telephone::text AS telephone, lower(r.display_name) AS sort_key
    FROM recipient r
    WHERE ${where.join(' AND ')}
    ORDER BY lower(r.display_name) USING ~<~, r.id
    LIMIT ${limit})`;
}

function publicFolderBranch(request: AddressBookPageRequest, params: Params, limit: string): string {
  const name = 'lower(COALESCE(f.display_name, f.name))';
  const where = ['f.mail_enabled', 'NOT f.hidden_from_address_lists'];
  if (request.search !== null) {
    const s = params.add(escapeLike(request.search));
    where.push(
      `(${[name, 'lower(f.alias)', 'lower(a.address)'].map((c) => `${c} LIKE lower(${s}) || '%'`).join(' OR ')})`,
    );
  }
  if (request.after) {
    const k = params.add(request.after.key);
    const i = params.add(request.after.id);
    where.push(`${name} ~>=~ ${k} AND (${name} ~>~ ${k} OR f.id > ${i}::uuid)`);
  }
  return `(SELECT f.id, 'public-folder' AS type, COALESCE(f.display_name, f.name)::text AS display_name, f.alias::text AS alias,
      a.address::text AS primary_smtp_address, '' AS title, '' AS department, '' AS company, '' AS office, '' AS telephone,
      ${name} AS sort_key
    FROM public_folder f
    LEFT JOIN LATERAL (
      SELECT address FROM recipient_address WHERE public_folder_id = f.id AND is_primary LIMIT 1
    ) a ON true
    WHERE ${where.join(' AND ')}
    ORDER BY ${name} USING ~<~, f.id
    LIMIT ${limit})`;
}

/**
 * The SQL of one address book page of a list: members not hidden from
 * address lists, in (lower(display name), id) order, after a keyset position,
 * optionally narrowed to a case-insensitive prefix; null when the list can
 * have no members. Exported so a test can EXPLAIN exactly what production runs.
 */
export function buildAddressBookQuery(
  membership: AddressListMembership,
  request: AddressBookPageRequest,
): SqlQuery | null {
  const params = new Params();
  const limit = params.add(request.limit);
  const branches: string[] = [];
  if (membership.recipients) branches.push(recipientBranch(membership.recipients, request, params, limit));
  if (membership.publicFolders) branches.push(publicFolderBranch(request, params, limit));
  if (branches.length === 0) return null;
  const sql = `SELECT e.* FROM (${branches.join(' UNION ALL ')}) e ORDER BY e.sort_key USING ~<~, e.id LIMIT ${limit}`;
  return { sql, params: params.values };
}
