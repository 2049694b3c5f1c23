import { describe, expect, it } from 'vitest';
import { membershipOf } from '../address-lists/address-list-membership';
import { buildAddressBookQuery } from './address-book.query';

const placeholders = (sql: string): number[] =>
  [...new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);

describe('buildAddressBookQuery', () => {
  it('numbers the filter, search and cursor parameters without gaps or overlaps', () => {
    const list = membershipOf({
      kind: 'custom',
      filter: {
        and: [
          { attribute: 'department', operator: 'equals', value: 'Sales' },
          { attribute: 'kind', operator: 'equals', value: 'user' },
        ],
      },
    });
    const query = buildAddressBookQuery(list, {
      limit: 101,
      after: { key: 'smith', id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' },
      search: 'sm_',
    });
    expect(query).not.toBeNull();
    const { sql, params } = query as { sql: string; params: unknown[] };
    expect(placeholders(sql)).toEqual(params.map((_, i) => i + 1));
    expect(params).toEqual([101, 'Sales', 'user', 'sm\\_', 'smith', '3f2504e0-4f89-11d3-9a0c-0305e82c3301']);
    expect(sql).not.toContain('public_folder');
  });

  it('merges recipients and public folders for the GAL, in the index order', () => {
    const query = buildAddressBookQuery(membershipOf({ kind: 'global', filter: null }), {
      limit: 11,
      after: null,
      search: null,
    });
    expect(query?.sql).toContain('FROM recipient r');
    expect(query?.sql).toContain('FROM public_folder f');
    expect(query?.sql).toContain('USING ~<~');
    expect(query?.params).toEqual([11]);
  });

  it('has no query for a list that can have no members', () => {
    expect(
      buildAddressBookQuery(membershipOf({ kind: 'custom', filter: null }), { limit: 1, after: null, search: null }),
    ).toBeNull();
  });
});
