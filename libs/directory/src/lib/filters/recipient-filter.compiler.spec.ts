import { describe, expect, it } from 'vitest';
import type { RecipientFilter } from '@estafette/contracts';
import { compileRecipientFilter } from './recipient-filter.compiler';
import { escapeLike } from './like-pattern';

describe('compileRecipientFilter', () => {
  it('compiles a prefix test to an index-friendly LIKE with an escaped parameter', () => {
    const { sql, params } = compileRecipientFilter({
      attribute: 'displayName',
      operator: 'starts-with',
      value: '50%_off\\',
    });
    expect(sql).toBe(`(lower(r.display_name) LIKE lower($1) || '%')`);
    expect(params).toEqual(['50\\%\\_off\\\\']);
  });

  it('numbers parameters after the offset and uses the alias', () => {
    const filter: RecipientFilter = {
      and: [
        { attribute: 'kind', operator: 'equals', value: 'user' },
        { not: { attribute: 'company', operator: 'contains', value: 'x' } },
      ],
    };
    const { sql, params } = compileRecipientFilter(filter, 'rec', 3);
    expect(sql).toBe(`((lower(rec.kind) = lower($4)) AND (NOT (lower(rec.company) LIKE '%' || lower($5) || '%')))`);
    expect(params).toEqual(['user', 'x']);
  });

  it('keeps nullable columns two-valued and treats NULL as empty', () => {
    expect(
      compileRecipientFilter({ attribute: 'primarySmtpAddress', operator: 'ends-with', value: '@a.example' }).sql,
    ).toBe(`(r.primary_smtp_address IS NOT NULL AND (lower(r.primary_smtp_address) LIKE '%' || lower($1)))`);
    expect(
      compileRecipientFilter({
        attribute: 'mailboxStoreId',
        operator: 'not-equals',
        value: '0b6f6a9e-8d77-4b1e-a9a4-2f1d7a0c9e11',
      }).sql,
    ).toBe(`(r.mailbox_store_id IS NULL OR (r.mailbox_store_id <> $1::uuid))`);
    expect(compileRecipientFilter({ attribute: 'title', operator: 'present' }).sql).toBe(`(r.title <> '')`);
  });

  it('never puts values or unknown names into the SQL text', () => {
    const { sql } = compileRecipientFilter({
      attribute: 'alias',
      operator: 'equals',
      value: "x'); DROP TABLE recipient; --",
    });
    expect(sql).not.toContain('DROP');
    expect(() => compileRecipientFilter({ attribute: 'alias', operator: 'present' }, 'r; DROP')).toThrow(
      /invalid SQL alias/,
    );
    expect(() => compileRecipientFilter({ attribute: 'secret' } as unknown as RecipientFilter)).toThrow(
      /unknown attribute/,
    );
  });

  it('escapes every LIKE metacharacter', () => {
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });
});
