import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  Injector,
  input,
  output,
  signal,
} from '@angular/core';
import { IconComponent, type IconName } from './icon.component';

export interface ListColumn {
  label: string;
  width?: string;
}

export interface ListRow {
  key: string;
  icon: IconName;
  /** Cell texts, the first one is the name. */
  cells: readonly string[];
}

/** The details pane's table: sortable columns, one selected row, arrow keys, Enter opens, Delete deletes. */
@Component({
  selector: 'est-list-view',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table class="list-view" role="grid" [attr.aria-label]="label()" [attr.aria-rowcount]="rows().length">
      <thead>
        <tr role="row">
          @for (column of columns(); track $index; let i = $index) {
            <th
              role="columnheader"
              scope="col"
              [style.width]="column.width ?? null"
              [attr.aria-sort]="sortColumn() === i ? (ascending() ? 'ascending' : 'descending') : null"
            >
              <button type="button" class="sort" tabindex="-1" (click)="sortBy(i)">
                {{ column.label }}
                @if (sortColumn() === i) {
                  <span class="sort-mark" aria-hidden="true">{{ ascending() ? '▲' : '▼' }}</span>
                }
              </button>
            </th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of sorted(); track row.key; let r = $index) {
          <tr
            role="row"
            [attr.data-key]="row.key"
            [attr.aria-selected]="row.key === selectedKey()"
            [tabIndex]="row.key === focusKey() ? 0 : -1"
            (click)="choose(row)"
            (dblclick)="activate.emit(row.key)"
            (keydown)="onKey($event, r)"
          >
            @for (cell of row.cells; track $index; let first = $first) {
              <td role="gridcell">
                @if (first) {
                  <span class="name-cell"><est-icon [name]="row.icon" />{{ cell }}</span>
                } @else {
                  {{ cell }}
                }
              </td>
            }
          </tr>
        } @empty {
          <tr class="empty-row">
            <td [attr.colspan]="columns().length">{{ emptyText() }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class ListViewComponent {
  readonly columns = input.required<readonly ListColumn[]>();
  readonly rows = input.required<readonly ListRow[]>();
  readonly selectedKey = input<string | null>(null);
  readonly label = input('Contents');
  readonly emptyText = input('There are no items to show in this view.');
  readonly sortable = input(true);
  readonly selectedKeyChange = output<string | null>();
  readonly activate = output<string>();
  readonly remove = output<string>();

  protected readonly sortColumn = signal<number | null>(null);
  protected readonly ascending = signal(true);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly sorted = computed(() => {
    const column = this.sortColumn();
    const rows = this.rows();
    if (column === null || !this.sortable()) return rows;
    const factor = this.ascending() ? 1 : -1;
    return [...rows].sort(
      (a, b) => factor * (a.cells[column] ?? '').localeCompare(b.cells[column] ?? '', undefined, { numeric: true }),
    );
  });

  protected readonly focusKey = computed(() => {
    const selected = this.selectedKey();
    const rows = this.sorted();
    return rows.some((r) => r.key === selected) ? selected : (rows[0]?.key ?? null);
  });

  protected sortBy(index: number): void {
    if (this.sortColumn() === index) this.ascending.update((a) => !a);
    else {
      this.sortColumn.set(index);
      this.ascending.set(true);
    }
  }

  protected choose(row: ListRow): void {
    this.selectedKeyChange.emit(row.key);
  }

  protected onKey(event: KeyboardEvent, index: number): void {
    const rows = this.sorted();
    let next = index;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(index + 1, rows.length - 1);
        break;
      case 'ArrowUp':
        next = Math.max(index - 1, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'Enter':
        event.preventDefault();
        this.activate.emit(rows[index].key);
        return;
      case 'Delete':
        event.preventDefault();
        this.remove.emit(rows[index].key);
        return;
      default:
        return;
    }
    event.preventDefault();
    const key = rows[next].key;
    this.selectedKeyChange.emit(key);
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>(`tr[data-key="${CSS.escape(key)}"]`)?.focus(),
      { injector: this.injector },
    );
  }
}
