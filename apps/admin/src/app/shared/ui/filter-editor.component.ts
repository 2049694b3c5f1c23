import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import type { FilterAttribute, FilterOperator, RecipientFilter, RecipientKind } from '@estafette/contracts';
import { FILTER_ATTRIBUTES, FILTER_OPERATORS, describeFilter, toRows, type FilterRow } from '../format/filter-text';
import { recipientKindLabel } from '../format/labels';

const KINDS: readonly RecipientKind[] = ['user', 'contact', 'group', 'query-group'];

/**
 * The simple filter editor: rows of attribute / operator / value, all of which must hold (AND).
 * A filter the rows cannot express (OR, NOT, nesting) is shown as text until it is replaced.
 */
@Component({
  selector: 'est-filter-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (rows() === null) {
      <div class="info-banner">
        <div>This filter uses OR, NOT or nesting, which the simple editor cannot show:</div>
        <div style="margin-top: 4px">
          <strong>{{ original() ? describe(original()!) : '' }}</strong>
        </div>
        <div class="row-actions">
          <button type="button" class="btn btn-small" [disabled]="disabled()" (click)="rows.set([])">
            Replace with simple rules
          </button>
        </div>
      </div>
    } @else {
      <table class="mini-table" aria-label="Filter rules">
        <thead>
          <tr>
            <th style="width: 34%">Attribute</th>
            <th style="width: 24%">Condition</th>
            <th>Value</th>
            <th style="width: 32px"><span class="visually-hidden">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows()!; track $index; let i = $index) {
            <tr>
              <td>
                <select
                  [attr.aria-label]="'Attribute of rule ' + (i + 1)"
                  [disabled]="disabled()"
                  (change)="setAttribute(i, $event)"
                >
                  @for (a of attributes; track a.value) {
                    <option [value]="a.value" [selected]="a.value === row.attribute">{{ a.label }}</option>
                  }
                </select>
              </td>
              <td>
                <select
                  [attr.aria-label]="'Condition of rule ' + (i + 1)"
                  [disabled]="disabled()"
                  (change)="setOperator(i, $event)"
                >
                  @for (o of operators; track o.value) {
                    <option [value]="o.value" [selected]="o.value === row.operator">{{ o.label }}</option>
                  }
                </select>
              </td>
              <td>
                @if (row.operator !== 'present') {
                  @if (row.attribute === 'kind') {
                    <select
                      [attr.aria-label]="'Value of rule ' + (i + 1)"
                      [disabled]="disabled()"
                      (change)="setValue(i, $event)"
                    >
                      @for (k of kinds; track k) {
                        <option [value]="k" [selected]="k === row.value">{{ kindLabel(k) }}</option>
                      }
                    </select>
                  } @else {
                    <input
                      type="text"
                      [attr.aria-label]="'Value of rule ' + (i + 1)"
                      [disabled]="disabled()"
                      [value]="row.value"
                      (input)="setValue(i, $event)"
                    />
                  }
                }
              </td>
              <td>
                <button
                  type="button"
                  class="btn btn-small"
                  title="Remove this rule"
                  [attr.aria-label]="'Remove rule ' + (i + 1)"
                  [disabled]="disabled()"
                  (click)="remove(i)"
                >
                  &#x2715;
                </button>
              </td>
            </tr>
          } @empty {
            <tr>
              <td class="empty" colspan="4">{{ emptyText() }}</td>
            </tr>
          }
        </tbody>
      </table>
      <div class="row-actions">
        <button type="button" class="btn btn-small" [disabled]="disabled()" (click)="add()">Add Rule</button>
        @if (summary(); as s) {
          <span class="hint">Matches: {{ s }}</span>
        }
      </div>
    }
  `,
})
export class FilterEditorComponent {
  /** Null: the filter cannot be edited as rows (see `original`). */
  readonly rows = model.required<FilterRow[] | null>();
  readonly original = input<RecipientFilter | null>(null);
  readonly disabled = input(false);
  readonly emptyText = input('No rules: every recipient matches.');
  protected readonly attributes = FILTER_ATTRIBUTES;
  protected readonly operators = FILTER_OPERATORS;
  protected readonly kinds = KINDS;
  protected readonly summary = computed(() => {
    const rows = this.rows();
    if (!rows || rows.length === 0) return '';
    return rows
      .map((r) => describeFilter({ attribute: r.attribute, operator: r.operator, value: r.value }))
      .join(' AND ');
  });

  static rowsOf(filter: RecipientFilter | null): FilterRow[] | null {
    return toRows(filter);
  }

  protected describe(filter: RecipientFilter): string {
    return describeFilter(filter);
  }

  protected kindLabel(kind: RecipientKind): string {
    return recipientKindLabel(kind);
  }

  private update(index: number, change: Partial<FilterRow>): void {
    this.rows.update((rows) => (rows ? rows.map((r, i) => (i === index ? { ...r, ...change } : r)) : rows));
  }

  protected setAttribute(index: number, event: Event): void {
    const attribute = (event.target as HTMLSelectElement).value as FilterAttribute;
    this.update(index, { attribute, value: attribute === 'kind' ? 'user' : '' });
  }

  protected setOperator(index: number, event: Event): void {
    this.update(index, { operator: (event.target as HTMLSelectElement).value as FilterOperator });
  }

  protected setValue(index: number, event: Event): void {
    this.update(index, { value: (event.target as HTMLInputElement | HTMLSelectElement).value });
  }

  protected add(): void {
    this.rows.update((rows) => [...(rows ?? []), { attribute: 'department', operator: 'equals', value: '' }]);
  }

  protected remove(index: number): void {
    this.rows.update((rows) => (rows ? rows.filter((_, i) => i !== index) : rows));
  }
}
