import type { FilterAttribute, FilterOperator, RecipientFilter } from '@estafette/contracts';

export const FILTER_ATTRIBUTES: ReadonlyArray<{ value: FilterAttribute; label: string }> = [
  { value: 'kind', label: 'Recipient type' },
  { value: 'alias', label: 'Alias' },
  { value: 'displayName', label: 'Display name' },
  { value: 'firstName', label: 'First name' },
  { value: 'lastName', label: 'Last name' },
  { value: 'title', label: 'Title' },
  { value: 'department', label: 'Department' },
  { value: 'company', label: 'Company' },
  { value: 'office', label: 'Office' },
  { value: 'primarySmtpAddress', label: 'E-mail address' },
  { value: 'containerId', label: 'Container' },
  { value: 'mailboxStoreId', label: 'Mailbox store' },
];

export const FILTER_OPERATORS: ReadonlyArray<{ value: FilterOperator; label: string }> = [
  { value: 'equals', label: 'is exactly' },
  { value: 'not-equals', label: 'is not' },
  { value: 'starts-with', label: 'starts with' },
  { value: 'ends-with', label: 'ends with' },
  { value: 'contains', label: 'contains' },
  { value: 'present', label: 'is present' },
];

function attributeLabel(attribute: FilterAttribute): string {
  return FILTER_ATTRIBUTES.find((a) => a.value === attribute)?.label ?? attribute;
}

function operatorLabel(operator: FilterOperator): string {
  return FILTER_OPERATORS.find((o) => o.value === operator)?.label ?? operator;
}

/** A readable sentence for a recipient filter: "Department is exactly Sales AND Office starts with B". */
export function describeFilter(filter: RecipientFilter): string {
  if ('and' in filter) return filter.and.map((f) => wrap(f)).join(' AND ') || 'Everything';
  if ('or' in filter) return filter.or.map((f) => wrap(f)).join(' OR ') || 'Nothing';
  if ('not' in filter) return `NOT ${wrap(filter.not)}`;
  const base = `${attributeLabel(filter.attribute)} ${operatorLabel(filter.operator)}`;
  return filter.operator === 'present' ? base : `${base} "${filter.value ?? ''}"`;
}

function wrap(filter: RecipientFilter): string {
  const text = describeFilter(filter);
  return 'and' in filter || 'or' in filter ? `(${text})` : text;
}

export interface FilterRow {
  attribute: FilterAttribute;
  operator: FilterOperator;
  value: string;
}

/**
 * The simple editor handles one condition or an AND of conditions; anything
 * else (OR, NOT, nesting) is shown read-only and kept unless replaced.
 */
export function toRows(filter: RecipientFilter | null): FilterRow[] | null {
  if (filter === null) return [];
  const parts = 'and' in filter ? filter.and : [filter];
  const rows: FilterRow[] = [];
  for (const part of parts) {
    if (!('attribute' in part)) return null;
    rows.push({ attribute: part.attribute, operator: part.operator, value: part.value ?? '' });
  }
  return rows;
}

export function fromRows(rows: readonly FilterRow[]): RecipientFilter | null {
  const parts: RecipientFilter[] = rows.map((r) =>
    r.operator === 'present'
      ? { attribute: r.attribute, operator: r.operator }
      : { attribute: r.attribute, operator: r.operator, value: r.value },
  );
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : { and: parts };
}
