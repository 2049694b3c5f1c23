import type { DataSource } from 'typeorm';
import type { RecipientKind } from '@estafette/contracts';

/**
 * Recipients made with plain SQL, so address book tests do not depend on the
 * recipients API. Columns as organization-setup.service.ts fills them.
 */
export interface RecipientFixture {
  kind?: RecipientKind;
  alias: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  department?: string;
  hidden?: boolean;
  domain?: string;
}

async function usersContainer(db: DataSource): Promise<string> {
  const [row] = await db.query<Array<{ id: string }>>(
    `SELECT id FROM recipient_container WHERE parent_id IS NULL AND lower(name) = 'users'`,
  );
  return row.id;
}

export async function insertRecipient(db: DataSource, r: RecipientFixture): Promise<string> {
  const kind = r.kind ?? 'user';
  const address = `${r.alias}@${r.domain ?? 'test.example'}`;
  const [row] = await db.query<Array<{ id: string }>>(
    `INSERT INTO recipient (kind, container_id, alias, display_name, first_name, last_name, department,
       hidden_from_address_lists, primary_smtp_address, target_address, group_type, query_filter)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      kind,
      await usersContainer(db),
      r.alias,
      r.displayName,
      r.firstName ?? '',
      r.lastName ?? '',
      r.department ?? '',
      r.hidden ?? false,
      address,
      kind === 'contact' ? `${r.alias}@external.example` : null,
      kind === 'group' ? 'distribution' : null,
      kind === 'query-group' ? JSON.stringify({ attribute: 'department', operator: 'equals', value: 'Sales' }) : null,
    ],
  );
  await db.query(
    `INSERT INTO recipient_address (recipient_id, address, address_key, is_primary) VALUES ($1, $2, $3, true)`,
    [row.id, address, address.toLowerCase()],
  );
  return row.id;
}

/**
 * Many recipients and their addresses in one statement (generate_series): display names
 * `${prefix} NNNNN`, aliases `${alias}NNNNN`; `kindOf` is an SQL expression of g.
 */
export async function insertManyRecipients(
  db: DataSource,
  options: { count: number; prefix: string; alias: string; department?: string; kindOf?: string },
): Promise<void> {
  const kind = options.kindOf ?? `'user'`;
  await db.query(
    `WITH made AS (
     INSERT INTO recipient (kind, container_id, alias, display_name, first_name, last_name, department,
       primary_smtp_address, target_address, group_type, query_filter)
     SELECT k.kind, $1, $3 || g, $2 || ' ' || lpad(g::text, 5, '0'), 'Given' || g, 'Family' || g, $4,
       lower($3) || g || '@test.example',
       CASE WHEN k.kind = 'contact' THEN lower($3) || g || '@external.example' END,
       CASE WHEN k.kind = 'group' THEN 'distribution' END,
       CASE WHEN k.kind = 'query-group' THEN '{"attribute":"department","operator":"equals","value":"Sales"}'::jsonb END
     FROM generate_series(1, $5::int) g, LATERAL (SELECT (${kind})::varchar AS kind) k
     RETURNING id, primary_smtp_address)
     INSERT INTO recipient_address (recipient_id, address, address_key, is_primary)
     SELECT id, primary_smtp_address, primary_smtp_address, true FROM made`,
    [await usersContainer(db), options.prefix, options.alias, options.department ?? '', options.count],
  );
}
