import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { FilterAttribute, FilterOperator, RecipientFilter, RecipientKind } from '@estafette/contracts';
import {
  validateRecipientFilter,
  compileRecipientFilter,
  FILTER_ATTRIBUTES,
  matchesRecipientFilter,
  UUID_OPERATORS,
  type FilterableRecipient,
} from '@estafette/directory';
import { openTestDataSource } from '../../testing/test-database';

/**
 * The SQL of compileRecipientFilter and the in-memory matcher must agree on every recipient: address lists
 * use the SQL, recipient policies the matcher. Run on a real database (PGlite, or PostgreSQL with DATABASE_URL).
 * It lives in the app, not beside the compiler in libs/directory, because it needs the app's test database
 * helper and a library must not import the app (Nx module boundaries).
 */

// A tiny alphabet so generated values collide with generated attributes; it includes the LIKE
// metacharacters, the escape character, case pairs and accented letters that lower() must fold alike.
const CHARS = ['a', 'A', 'b', 'B', 'é', 'É', '%', '_', '\\', '.', ' ', "'"];
const text = (minLength: number) => fc.string({ unit: fc.constantFrom(...CHARS), minLength, maxLength: 4 });
const KINDS: RecipientKind[] = ['user', 'contact', 'group', 'query-group'];
const TEXT_ATTRIBUTES = (Object.keys(FILTER_ATTRIBUTES) as FilterAttribute[]).filter(
  (a) => FILTER_ATTRIBUTES[a].type === 'text',
);
const TEXT_OPERATORS: FilterOperator[] = ['equals', 'not-equals', 'starts-with', 'ends-with', 'contains', 'present'];

interface Fixture {
  containers: string[];
  stores: string[];
}

type Row = FilterableRecipient & { id: string };

function recipientArb(fixture: Fixture): fc.Arbitrary<Omit<Row, 'id' | 'alias'> & { aliasStem: string }> {
  return fc.record({
    kind: fc.constantFrom(...KINDS),
    aliasStem: text(0),
    displayName: text(0),
    firstName: text(0),
    lastName: text(0),
    title: text(0),
    department: text(0),
    company: text(0),
    office: text(0),
    primarySmtpAddress: fc.option(text(0), { nil: null }),
    containerId: fc.constantFrom(...fixture.containers),
    mailboxStoreId: fc.option(fc.constantFrom(...fixture.stores), { nil: null }),
  });
}

function filterArb(fixture: Fixture): fc.Arbitrary<RecipientFilter> {
  const ids = [...fixture.containers, ...fixture.stores, '00000000-0000-4000-8000-000000000000'];
  const textTerm = fc.record({
    attribute: fc.constantFrom(...TEXT_ATTRIBUTES, 'kind' as const),
    operator: fc.constantFrom(...TEXT_OPERATORS),
    value: fc.oneof(text(1), fc.constantFrom(...KINDS.map((k) => k.toUpperCase()))),
  });
  const idTerm = fc.record({
    attribute: fc.constantFrom<FilterAttribute>('containerId', 'mailboxStoreId'),
    operator: fc.constantFrom(...UUID_OPERATORS),
    // Upper-case ids must match too: ids are compared case-insensitively on both sides.
    value: fc.constantFrom(...ids, ...ids.map((id) => id.toUpperCase())),
  });
  const term = fc
    .oneof(textTerm, idTerm)
    .map((t): RecipientFilter => (t.operator === 'present' ? { attribute: t.attribute, operator: t.operator } : t));
  const { filter } = fc.letrec<{ filter: RecipientFilter }>((tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      term,
      fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
      fc.array(tie('filter'), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
      tie('filter').map((not) => ({ not })),
    ),
  }));
  // Only filters the API would accept (depth and size limits): the compiler rightly refuses the rest.
  return filter.filter((f) => validateRecipientFilter(f) === null);
}

async function insertFixture(db: DataSource): Promise<Fixture> {
  const one = async (sql: string, params: unknown[] = []) => (await db.query<Array<{ id: string }>>(sql, params))[0].id;
  const ag = await one(`INSERT INTO administrative_group (name) VALUES ('AG') RETURNING id`);
  const rg = await one(`INSERT INTO routing_group (name, administrative_group_id) VALUES ('RG', $1) RETURNING id`, [
    ag,
  ]);
  const server = await one(
    `INSERT INTO server (name, administrative_group_id, routing_group_id) VALUES ('s1', $1, $2) RETURNING id`,
    [ag, rg],
  );
  const sg = await one(`INSERT INTO storage_group (server_id, name) VALUES ($1, 'SG') RETURNING id`, [server]);
  const stores = [
    await one(
      `INSERT INTO information_store (storage_group_id, kind, name) VALUES ($1, 'mailbox', 'M1') RETURNING id`,
      [sg],
    ),
    await one(
      `INSERT INTO information_store (storage_group_id, kind, name) VALUES ($1, 'mailbox', 'M2') RETURNING id`,
      [sg],
    ),
  ];
  const containers = [
    await one(`INSERT INTO recipient_container (name) VALUES ('One') RETURNING id`),
    await one(`INSERT INTO recipient_container (name) VALUES ('Two') RETURNING id`),
  ];
  return { containers, stores };
}

async function replaceRecipients(
  db: DataSource,
  rows: Array<Omit<Row, 'id' | 'alias'> & { aliasStem: string }>,
): Promise<Row[]> {
  await db.query(`DELETE FROM recipient`);
  const out: Row[] = [];
  for (const [i, r] of rows.entries()) {
    const alias = `${r.aliasStem}${i}`;
    const [{ id }] = await db.query<Array<{ id: string }>>(
      `INSERT INTO recipient (kind, container_id, alias, display_name, first_name, last_name, title, department, company,
         office, primary_smtp_address, mailbox_store_id, target_address, query_filter)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        r.kind,
        r.containerId,
        alias,
        r.displayName,
        r.firstName,
        r.lastName,
        r.title,
        r.department,
        r.company,
        r.office,
        r.primarySmtpAddress,
        r.mailboxStoreId,
        r.kind === 'contact' ? 'x@example.com' : null,
        r.kind === 'query-group' ? '{"attribute":"alias","operator":"present"}' : null,
      ],
    );
    out.push({ ...r, alias, id });
  }
  return out;
}

describe('recipient filter: SQL and in-memory evaluation agree', () => {
  let db: DataSource;
  let close: () => Promise<void>;
  let fixture: Fixture;

  beforeAll(async () => {
    ({ dataSource: db, close } = await openTestDataSource());
    fixture = await insertFixture(db);
  });
  afterAll(async () => close());

  it('selects exactly the recipients matchesRecipientFilter accepts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recipientArb(fixture), { minLength: 1, maxLength: 8 }),
        fc.array(filterArb(fixture), { minLength: 1, maxLength: 8 }),
        async (input, filters) => {
          const rows = await replaceRecipients(db, input);
          for (const filter of filters) {
            // An offset and a leading parameter prove the placeholders are numbered for embedding.
            const { sql, params } = compileRecipientFilter(filter, 'r', 1);
            const found = await db.query<Array<{ id: string }>>(
              `SELECT r.id FROM recipient r WHERE r.id IS NOT NULL AND $1::int = 1 AND ${sql}`,
              [1, ...params],
            );
            const expected = rows
              .filter((r) => matchesRecipientFilter(filter, r))
              .map((r) => r.id)
              .sort();
            expect(found.map((f) => f.id).sort(), JSON.stringify(filter)).toEqual(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
