import type { FilterAttribute, FilterOperator } from '@estafette/contracts';

/** How an attribute is stored: free text (case-insensitive) or a uuid reference (exact id). */
export type AttributeType = 'text' | 'uuid';

export interface AttributeColumn {
  /** The recipient table column; only names from this allow-list ever reach SQL. */
  column: string;
  type: AttributeType;
  /** True when the column may be NULL; NULL counts as an empty value. */
  nullable: boolean;
}

export const FILTER_ATTRIBUTES: Readonly<Record<FilterAttribute, AttributeColumn>> = {
  kind: { column: 'kind', type: 'text', nullable: false },
  alias: { column: 'alias', type: 'text', nullable: false },
  displayName: { column: 'display_name', type: 'text', nullable: false },
  firstName: { column: 'first_name', type: 'text', nullable: false },
  lastName: { column: 'last_name', type: 'text', nullable: false },
  title: { column: 'title', type: 'text', nullable: false },
  department: { column: 'department', type: 'text', nullable: false },
  company: { column: 'company', type: 'text', nullable: false },
  office: { column: 'office', type: 'text', nullable: false },
  primarySmtpAddress: { column: 'primary_smtp_address', type: 'text', nullable: true },
  containerId: { column: 'container_id', type: 'uuid', nullable: false },
  mailboxStoreId: { column: 'mailbox_store_id', type: 'uuid', nullable: true },
};

export const FILTER_OPERATORS: readonly FilterOperator[] = [
  'equals',
  'not-equals',
  'starts-with',
  'ends-with',
  'contains',
  'present',
];

/** Substring tests on an id make no sense and could not use an index; ids are compared whole. */
export const UUID_OPERATORS: readonly FilterOperator[] = ['equals', 'not-equals', 'present'];

export const MAX_FILTER_DEPTH = 8;
export const MAX_FILTER_TERMS = 50;
export const MAX_FILTER_VALUE_LENGTH = 256;

export function isFilterAttribute(name: unknown): name is FilterAttribute {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(FILTER_ATTRIBUTES, name);
}
