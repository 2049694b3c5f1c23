import type { FilterOperator, RecipientFilter } from '@estafette/contracts';
import { FILTER_ATTRIBUTES, type AttributeColumn } from './filter-attributes';
import { escapeLike } from './like-pattern';
import { validateRecipientFilter } from './recipient-filter.validator';

export { validateRecipientFilter } from './recipient-filter.validator';
export { matchesRecipientFilter } from './recipient-filter.matcher';

export interface CompiledFilter {
  /** A boolean SQL expression, never NULL, with $n placeholders. */
  sql: string;
  params: unknown[];
}

const SQL_ALIAS = /^[a-z_][a-z0-9_]*$/i;

class Compiler {
  readonly params: unknown[] = [];

  constructor(
    private readonly alias: string,
    private readonly offset: number,
  ) {}

  private param(value: unknown): string {
    this.params.push(value);
    return `$${this.offset + this.params.length}`;
  }

  node(filter: RecipientFilter): string {
    if ('and' in filter) return `(${filter.and.map((f) => this.node(f)).join(' AND ')})`;
    if ('or' in filter) return `(${filter.or.map((f) => this.node(f)).join(' OR ')})`;
    if ('not' in filter) return `(NOT ${this.node(filter.not)})`;
    const attribute = FILTER_ATTRIBUTES[filter.attribute];
    const test =
      attribute.type === 'uuid'
        ? this.uuidTest(attribute, filter.operator, filter.value)
        : this.textTest(attribute, filter.operator, filter.value);
    if (!attribute.nullable || filter.operator === 'present') return test;
    // NULL counts as empty and every leaf stays two-valued (never NULL), so NOT is the exact complement
    // and the SQL agrees with matchesRecipientFilter. An empty value differs from every (non-empty) value.
    const col = this.col(attribute);
    return filter.operator === 'not-equals' ? `(${col} IS NULL OR ${test})` : `(${col} IS NOT NULL AND ${test})`;
  }

  private col(attribute: AttributeColumn): string {
    return `${this.alias}.${attribute.column}`;
  }

  private textTest(attribute: AttributeColumn, operator: FilterOperator, value: string | undefined): string {
    // lower(col) matches the expression indexes of migration 1764300000100 (text_pattern_ops for prefixes).
    const col = `lower(${this.col(attribute)})`;
    const text = value ?? '';
    switch (operator) {
      case 'present':
        return attribute.nullable
          ? `(${this.col(attribute)} IS NOT NULL AND ${this.col(attribute)} <> '')`
          : `(${this.col(attribute)} <> '')`;
      case 'equals':
        return `(${col} = lower(${this.param(text)}))`;
      case 'not-equals':
        return `(${col} <> lower(${this.param(text)}))`;
      case 'starts-with':
        return `(${col} LIKE lower(${this.param(escapeLike(text))}) || '%')`;
      case 'ends-with':
        return `(${col} LIKE '%' || lower(${this.param(escapeLike(text))}))`;
      case 'contains':
        return `(${col} LIKE '%' || lower(${this.param(escapeLike(text))}) || '%')`;
    }
  }

  private uuidTest(attribute: AttributeColumn, operator: FilterOperator, value: string | undefined): string {
    const col = this.col(attribute);
    switch (operator) {
      case 'present':
        return `(${col} IS NOT NULL)`;
      case 'equals':
        return `(${col} = ${this.param(value)}::uuid)`;
      case 'not-equals':
        return `(${col} <> ${this.param(value)}::uuid)`;
      case 'starts-with':
      case 'ends-with':
      case 'contains':
        throw new Error(`${operator} is not supported on ${attribute.column}`);
    }
  }
}

/**
 * Compiles a filter to a parameterised boolean SQL expression over the recipient table (aliased `alias`).
 * Placeholders start at $paramOffset+1 so the expression can be embedded in a larger query. Column names
 * come only from the allow-list; values only travel as parameters.
 */
export function compileRecipientFilter(filter: RecipientFilter, alias = 'r', paramOffset = 0): CompiledFilter {
  if (!SQL_ALIAS.test(alias)) throw new Error(`invalid SQL alias ${JSON.stringify(alias)}`);
  const refusal = validateRecipientFilter(filter);
  if (refusal) throw new Error(refusal);
  const compiler = new Compiler(alias, paramOffset);
  const sql = compiler.node(filter);
  return { sql, params: compiler.params };
}
