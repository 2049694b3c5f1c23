import type { RecipientFilter } from '@estafette/contracts';

/** A recipient filter as one readable line: `kind equals "user" and alias starts-with "a"`. */
export function formatFilter(filter: RecipientFilter | null): string {
  if (filter === null) return 'all recipients';
  return format(filter, false);
}

function format(filter: RecipientFilter, nested: boolean): string {
  if ('and' in filter)
    return group(
      filter.and.map((f) => format(f, true)),
      ' and ',
      nested,
    );
  if ('or' in filter)
    return group(
      filter.or.map((f) => format(f, true)),
      ' or ',
      nested,
    );
  if ('not' in filter) return `not ${format(filter.not, true)}`;
  if (filter.operator === 'present') return `${filter.attribute} present`;
  return `${filter.attribute} ${filter.operator} ${JSON.stringify(filter.value ?? '')}`;
}

function group(parts: string[], joiner: string, nested: boolean): string {
  const text = parts.join(joiner);
  return nested && parts.length > 1 ? `(${text})` : text;
}
