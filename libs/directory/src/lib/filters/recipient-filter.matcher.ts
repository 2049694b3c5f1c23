import type { FilterAttribute, FilterOperator, RecipientFilter } from '@estafette/contracts';

/** The recipient attributes a filter can test; RecipientEntity satisfies it. */
export type FilterableRecipient = { readonly [A in FilterAttribute]: string | null };

function test(operator: FilterOperator, actual: string, expected: string): boolean {
  switch (operator) {
    case 'present':
      return actual !== '';
    case 'equals':
      return actual === expected;
    case 'not-equals':
      return actual !== expected;
    case 'starts-with':
      return actual.startsWith(expected);
    case 'ends-with':
      return actual.endsWith(expected);
    case 'contains':
      return actual.includes(expected);
  }
}

/**
 * Evaluates a (validated) filter against one recipient in memory, with the same meaning as the SQL of
 * compileRecipientFilter: case-insensitive, and a missing (NULL) value counts as the empty string.
 */
export function matchesRecipientFilter(filter: RecipientFilter, recipient: FilterableRecipient): boolean {
  if ('and' in filter) return filter.and.every((f) => matchesRecipientFilter(f, recipient));
  if ('or' in filter) return filter.or.some((f) => matchesRecipientFilter(f, recipient));
  if ('not' in filter) return !matchesRecipientFilter(filter.not, recipient);
  const actual = recipient[filter.attribute] ?? '';
  return test(filter.operator, actual.toLowerCase(), (filter.value ?? '').toLowerCase());
}
