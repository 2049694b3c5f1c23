import type { RecipientFilter } from '@estafette/contracts';
import {
  FILTER_ATTRIBUTES,
  FILTER_OPERATORS,
  isFilterAttribute,
  MAX_FILTER_DEPTH,
  MAX_FILTER_TERMS,
  MAX_FILTER_VALUE_LENGTH,
  UUID_OPERATORS,
} from './filter-attributes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Budget {
  terms: number;
}

function checkTerm(node: Record<string, unknown>, path: string): string | null {
  const { attribute, operator, value } = node;
  const extra = Object.keys(node).filter((k) => !['attribute', 'operator', 'value'].includes(k));
  if (extra.length > 0) return `${path}: unknown property ${extra[0]}`;
  if (!isFilterAttribute(attribute)) return `${path}: unknown attribute ${JSON.stringify(attribute)}`;
  if (typeof operator !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(operator)) {
    return `${path}: unknown operator ${JSON.stringify(operator)}`;
  }
  const column = FILTER_ATTRIBUTES[attribute];
  if (column.type === 'uuid' && !(UUID_OPERATORS as readonly string[]).includes(operator)) {
    return `${path}: ${attribute} supports only ${UUID_OPERATORS.join(', ')}`;
  }
  if (operator === 'present') {
    return value === undefined ? null : `${path}: present takes no value`;
  }
  // An empty value would make starts-with/contains match everything, which is what present is for.
  if (typeof value !== 'string' || value.length === 0) return `${path}: ${operator} needs a non-empty value`;
  if (value.length > MAX_FILTER_VALUE_LENGTH)
    return `${path}: value is longer than ${MAX_FILTER_VALUE_LENGTH} characters`;
  if (value.includes('\u0000')) return `${path}: value contains a NUL character`;
  if (column.type === 'uuid' && !UUID.test(value)) return `${path}: ${attribute} must be a UUID`;
  return null;
}

function check(node: unknown, depth: number, path: string, budget: Budget): string | null {
  if (depth > MAX_FILTER_DEPTH) return `filter is nested deeper than ${MAX_FILTER_DEPTH} levels`;
  if (!isObject(node)) return `${path}: expected a filter object`;
  const keys = Object.keys(node);
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
    const children = node[keys[0]];
    if (!Array.isArray(children) || children.length === 0) return `${path}.${keys[0]}: needs at least one condition`;
    for (let i = 0; i < children.length; i++) {
      const refusal = check(children[i], depth + 1, `${path}.${keys[0]}[${i}]`, budget);
      if (refusal) return refusal;
    }
    return null;
  }
  if (keys.length === 1 && keys[0] === 'not') return check(node['not'], depth + 1, `${path}.not`, budget);
  if (!('attribute' in node)) return `${path}: expected and, or, not or an attribute condition`;
  budget.terms += 1;
  if (budget.terms > MAX_FILTER_TERMS) return `filter has more than ${MAX_FILTER_TERMS} conditions`;
  return checkTerm(node, path);
}

/**
 * Why a filter (untrusted JSON) is unusable, or null when it is valid. Bounds on depth and size keep the
 * generated SQL small, because address lists and query-based groups run it often.
 */
export function validateRecipientFilter(filter: unknown): string | null {
  return check(filter, 1, 'filter', { terms: 0 });
}

export function isValidRecipientFilter(filter: unknown): filter is RecipientFilter {
  return validateRecipientFilter(filter) === null;
}
