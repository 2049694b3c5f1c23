import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, signal } from '@angular/core';
import type { AddressListDto, UpdateAddressListRequest } from '@estafette/contracts';
import { SheetNavigator } from '../../core/navigation/sheet-navigator';
import { fromRows, toRows, type FilterRow } from '../../shared/format/filter-text';
import { sameValue } from '../../shared/forms/form-diff';
import { recipientKindLabel } from '../../shared/format/labels';
import { FieldErrorComponent } from '../../shared/ui/field-error.component';
import { FilterEditorComponent } from '../../shared/ui/filter-editor.component';
import { PropertySheetComponent } from '../../shared/ui/property-sheet.component';
import { SheetTabDirective } from '../../shared/ui/sheet-tab.directive';
import { AddressListStore } from './address-list.store';

const BUILT_IN_RULES: Record<string, string> = {
  global: 'Every recipient that is not hidden from address lists.',
  'all-users': 'All users.',
  'all-contacts': 'All contacts.',
  'all-groups': 'All distribution groups and query-based distribution groups.',
  'public-folders': 'All mail-enabled public folders.',
};

/** Address list properties: General and Filter Rules (custom lists), Preview. `id` "new" creates one. */
@Component({
  selector: 'est-address-list-sheet',
  imports: [FieldErrorComponent, FilterEditorComponent, PropertySheetComponent, SheetTabDirective],
  providers: [AddressListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-property-sheet
      [heading]="isNew() ? 'New Address List' : (list.value()?.name ?? 'Address List') + ' Properties'"
      icon="address-list"
      width="620px"
      [problem]="list.problem()"
      [loading]="list.loading()"
      [busy]="list.busy()"
      [dirty]="dirty()"
      (ok)="ok()"
      (cancel)="close()"
      (apply)="apply()"
    >
      <ng-template estSheetTab="General" [fields]="['name']">
        <div class="form-grid">
          <label for="al-name">Name:</label>
          <div class="field">
            <input id="al-name" type="text" [value]="name()" (input)="name.set(text($event))" />
            <est-field-error [problem]="list.problem()" field="name" />
          </div>
          <span>Type:</span>
          <span class="readonly-value">{{ isSystem() ? 'Built-in address list' : 'Custom address list' }}</span>
        </div>
      </ng-template>
      <ng-template estSheetTab="Filter Rules" [fields]="['filter', 'parentId']">
        @if (isSystem()) {
          <p class="info-banner">Built-in list: {{ builtInRule() }} Its rule cannot be changed.</p>
        } @else {
          <p class="hint" style="margin-bottom: 8px">Recipients that match every rule are in this list.</p>
          <est-filter-editor
            [(rows)]="filterRows"
            [original]="list.value()?.filter ?? null"
            emptyText="No rules yet: add at least one."
          />
          <est-field-error [problem]="list.problem()" field="filter" />
        }
      </ng-template>
      @if (!isNew()) {
        <ng-template estSheetTab="Preview">
          @if (store.preview(); as entries) {
            <table class="mini-table" aria-label="Members of the list">
              <thead>
                <tr>
                  <th>Display name</th>
                  <th>Type</th>
                  <th>E-mail address</th>
                </tr>
              </thead>
              <tbody>
                @for (e of entries; track e.id) {
                  <tr>
                    <td>{{ e.displayName }}</td>
                    <td>{{ kindLabel(e.type) }}</td>
                    <td>{{ e.primarySmtpAddress ?? '' }}</td>
                  </tr>
                } @empty {
                  <tr>
                    <td class="empty" colspan="3">Nobody is in this list.</td>
                  </tr>
                }
              </tbody>
            </table>
            @if (store.previewMore()) {
              <p class="hint">Only the first entries are shown. Open the list in the tree to see all of them.</p>
            }
          } @else {
            <p class="loading-text">Loading…</p>
          }
        </ng-template>
      }
    </est-property-sheet>
  `,
})
export class AddressListSheet implements OnInit {
  readonly id = input.required<string>();
  protected readonly store = inject(AddressListStore);
  private readonly sheets = inject(SheetNavigator);
  protected readonly list = this.store.list;
  protected readonly name = signal('');
  protected readonly filterRows = signal<FilterRow[] | null>([]);
  private readonly createdId = signal<string | null>(null);

  protected readonly isNew = computed(() => this.id() === 'new' && this.createdId() === null);
  protected readonly isSystem = computed(() => this.list.value()?.system === true);
  protected readonly builtInRule = computed(() => BUILT_IN_RULES[this.list.value()?.kind ?? ''] ?? '');
  protected readonly dirty = computed(() => {
    const original = this.list.value();
    if (!original) return this.name().trim().length > 0;
    return Object.keys(this.pending(original)).length > 0;
  });

  ngOnInit(): void {
    if (this.id() === 'new') return;
    void this.store.load(this.id()).then((list) => list && this.reset(list));
    void this.store.loadPreview(this.id());
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected kindLabel(type: Parameters<typeof recipientKindLabel>[0]): string {
    return recipientKindLabel(type);
  }

  private reset(list: AddressListDto): void {
    this.name.set(list.name);
    this.filterRows.set(toRows(list.filter));
  }

  private pending(original: AddressListDto): UpdateAddressListRequest {
    const request: UpdateAddressListRequest = {};
    if (this.name().trim() !== original.name) request.name = this.name().trim();
    const rows = this.filterRows();
    if (!original.system && rows !== null) {
      const filter = fromRows(rows);
      if (filter && !sameValue(filter, original.filter)) request.filter = filter;
    }
    return request;
  }

  protected async apply(): Promise<boolean> {
    if (this.id() === 'new' && this.createdId() === null) {
      const filter = fromRows(this.filterRows() ?? []);
      const created = await this.store.create({
        name: this.name().trim(),
        // The API answers with a field error for a list without rules.
        filter: filter ?? { and: [] },
      });
      if (!created) return false;
      this.createdId.set(created.id);
      this.reset(created);
      void this.store.loadPreview(created.id);
      return true;
    }
    const original = this.list.value();
    if (!original) return false;
    const pending = this.pending(original);
    if (Object.keys(pending).length === 0) return true;
    const saved = await this.store.save(original.id, pending);
    const list = this.list.value();
    if (saved && list) {
      this.reset(list);
      void this.store.loadPreview(list.id);
    }
    return saved;
  }

  protected async ok(): Promise<void> {
    if (await this.apply()) void this.sheets.close();
  }

  protected close(): void {
    void this.sheets.close();
  }
}
