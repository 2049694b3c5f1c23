import { describe, expect, it } from 'vitest';
import { formatFilter } from './filter-format';

describe('formatFilter', () => {
  it('reads as a sentence, with parentheses only where they matter', () => {
    expect(formatFilter(null)).toBe('all recipients');
    expect(formatFilter({ attribute: 'department', operator: 'equals', value: 'Sales' })).toBe(
      'department equals "Sales"',
    );
    expect(
      formatFilter({
        and: [
          { attribute: 'kind', operator: 'equals', value: 'user' },
          {
            or: [
              { attribute: 'alias', operator: 'starts-with', value: 'a' },
              { not: { attribute: 'title', operator: 'present' } },
            ],
          },
        ],
      }),
    ).toBe('kind equals "user" and (alias starts-with "a" or not title present)');
  });
});
