import { describe, expect, it } from 'vitest';
import type { RecipientFilter } from '@estafette/contracts';
import { describeFilter, fromRows, toRows } from './filter-text';

describe('recipient filter text and rows', () => {
  it('describes nested filters in words', () => {
    expect(
      describeFilter({
        and: [
          { attribute: 'department', operator: 'equals', value: 'Sales' },
          {
            or: [
              { attribute: 'office', operator: 'starts-with', value: 'B' },
              { not: { attribute: 'title', operator: 'present' } },
            ],
          },
        ],
      }),
    ).toBe('Department is exactly "Sales" AND (Office starts with "B" OR NOT Title is present)');
  });

  it('edits a single condition or an AND of conditions as rows, and writes them back', () => {
    const single: RecipientFilter = { attribute: 'department', operator: 'equals', value: 'Sales' };
    expect(toRows(single)).toEqual([{ attribute: 'department', operator: 'equals', value: 'Sales' }]);
    expect(fromRows(toRows(single) ?? [])).toEqual(single);
    const both: RecipientFilter = { and: [single, { attribute: 'company', operator: 'present' }] };
    expect(fromRows(toRows(both) ?? [])).toEqual({
      and: [single, { attribute: 'company', operator: 'present' }],
    });
    expect(toRows(null)).toEqual([]);
    expect(fromRows([])).toBeNull();
  });

  it('leaves OR, NOT and nesting to the read-only view', () => {
    expect(toRows({ or: [] })).toBeNull();
    expect(toRows({ and: [{ not: { attribute: 'alias', operator: 'present' } }] })).toBeNull();
  });
});
