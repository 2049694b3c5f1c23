import { describe, expect, it } from 'vitest';
import { validateRecipientFilter } from './recipient-filter.validator';

const term = { attribute: 'department', operator: 'equals', value: 'Sales' };
const nest = (depth: number): unknown => (depth <= 1 ? term : { not: nest(depth - 1) });

describe('validateRecipientFilter', () => {
  it('accepts well-formed filters', () => {
    expect(validateRecipientFilter(term)).toBeNull();
    expect(
      validateRecipientFilter({ and: [term, { or: [term, { attribute: 'title', operator: 'present' }] }] }),
    ).toBeNull();
    expect(
      validateRecipientFilter({
        attribute: 'containerId',
        operator: 'equals',
        value: '0b6f6a9e-8d77-4b1e-a9a4-2f1d7a0c9e11',
      }),
    ).toBeNull();
  });

  it('refuses unknown attributes, operators and properties', () => {
    expect(validateRecipientFilter({ attribute: 'password', operator: 'equals', value: 'x' })).toMatch(
      /unknown attribute/,
    );
    expect(validateRecipientFilter({ attribute: 'alias', operator: 'like', value: 'x' })).toMatch(/unknown operator/);
    expect(validateRecipientFilter({ ...term, sql: '1=1' })).toMatch(/unknown property sql/);
    expect(validateRecipientFilter({ xor: [term] })).toMatch(/expected and, or, not/);
    expect(validateRecipientFilter(null)).toMatch(/expected a filter object/);
    expect(validateRecipientFilter([term])).toMatch(/expected a filter object/);
  });

  it('requires a value except for present', () => {
    expect(validateRecipientFilter({ attribute: 'alias', operator: 'starts-with' })).toMatch(/needs a non-empty value/);
    expect(validateRecipientFilter({ attribute: 'alias', operator: 'contains', value: '' })).toMatch(/non-empty/);
    expect(validateRecipientFilter({ attribute: 'alias', operator: 'equals', value: 5 })).toMatch(/non-empty/);
    expect(validateRecipientFilter({ attribute: 'alias', operator: 'present', value: 'x' })).toMatch(
      /present takes no value/,
    );
    expect(validateRecipientFilter({ attribute: 'alias', operator: 'present' })).toBeNull();
  });

  it('compares ids whole and only with UUID values', () => {
    expect(validateRecipientFilter({ attribute: 'mailboxStoreId', operator: 'starts-with', value: 'ab' })).toMatch(
      /supports only/,
    );
    expect(validateRecipientFilter({ attribute: 'containerId', operator: 'equals', value: 'Users' })).toMatch(
      /must be a UUID/,
    );
  });

  it('refuses empty and/or lists', () => {
    expect(validateRecipientFilter({ and: [] })).toMatch(/at least one condition/);
    expect(validateRecipientFilter({ or: 'x' })).toMatch(/at least one condition/);
  });

  it('bounds depth (8) and size (50 conditions)', () => {
    expect(validateRecipientFilter(nest(8))).toBeNull();
    expect(validateRecipientFilter(nest(9))).toMatch(/deeper than 8/);
    expect(validateRecipientFilter({ or: Array.from({ length: 50 }, () => term) })).toBeNull();
    expect(validateRecipientFilter({ or: Array.from({ length: 51 }, () => term) })).toMatch(/more than 50/);
  });
});
