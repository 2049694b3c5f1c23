import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, signal } from '@angular/core';
import type { AddressTemplate, RecipientPolicyDto, UpdateRecipientPolicyRequest } from '@estafette/contracts';
import { SheetNavigator } from '../../core/navigation/sheet-navigator';
import { fromRows, toRows, type FilterRow } from '../../shared/format/filter-text';
import { sameValue } from '../../shared/forms/form-diff';
import { DialogService } from '../../shared/ui/dialog.service';
import { FieldErrorComponent } from '../../shared/ui/field-error.component';
import { FilterEditorComponent } from '../../shared/ui/filter-editor.component';
import { PropertySheetComponent } from '../../shared/ui/property-sheet.component';
import { SheetTabDirective } from '../../shared/ui/sheet-tab.directive';
import { RecipientPolicyStore } from './recipient-policy.store';

/** Recipient policy properties: General (name, priority, filter) and E-mail Addresses (Policy). `id` "new" creates one. */
@Component({
  selector: 'est-recipient-policy-sheet',
  imports: [FieldErrorComponent, FilterEditorComponent, PropertySheetComponent, SheetTabDirective],
  providers: [RecipientPolicyStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-property-sheet
      [heading]="isNew() ? 'New Recipient Policy' : (policy.value()?.name ?? 'Recipient Policy') + ' Properties'"
      icon="policy"
      width="620px"
      [problem]="policy.problem()"
      [loading]="policy.loading()"
      [busy]="policy.busy()"
      [dirty]="dirty()"
      (ok)="ok()"
      (cancel)="close()"
      (apply)="apply()"
    >
      <ng-template estSheetTab="General" [fields]="['name', 'priority', 'filter']">
        <div class="form-grid">
          <label for="pol-name">Name:</label>
          <div class="field">
            <input id="pol-name" type="text" [value]="name()" (input)="name.set(text($event))" />
            <est-field-error [problem]="policy.problem()" field="name" />
          </div>
          <label for="pol-priority">Priority:</label>
          <div class="field">
            @if (isDefault()) {
              <input id="pol-priority" class="narrow" type="text" value="Lowest (default policy)" readonly />
            } @else {
              <input
                id="pol-priority"
                class="narrow"
                type="number"
                min="1"
                [value]="priority() ?? ''"
                (input)="priority.set(number($event))"
                placeholder="after the others"
              />
              <span class="hint">1 is the highest. The first matching policy stamps a recipient's addresses.</span>
            }
            <est-field-error [problem]="policy.problem()" field="priority" />
          </div>
          <h3 class="group-title">Filter rules</h3>
          <div class="span-2">
            @if (isDefault()) {
              <p class="info-banner">The default policy applies to every recipient no other policy matches.</p>
            } @else {
              <est-filter-editor [(rows)]="filterRows" [original]="policy.value()?.filter ?? null" />
              <est-field-error [problem]="policy.problem()" field="filter" />
            }
          </div>
        </div>
      </ng-template>
      <ng-template estSheetTab="E-mail Addresses (Policy)" [fields]="['addressTemplates']">
        <p class="hint">Addresses generated for the recipients this policy applies to.</p>
        <table class="mini-table" aria-label="Address templates" style="margin-top: 8px">
          <thead>
            <tr>
              <th style="width: 70px">Type</th>
              <th>Address template</th>
              <th style="width: 80px">Primary</th>
            </tr>
          </thead>
          <tbody>
            @for (t of templates(); track $index; let i = $index) {
              <tr
                [class.selected]="i === selectedTemplate()"
                (click)="selectedTemplate.set(i)"
                (dblclick)="editTemplate()"
              >
                <td>SMTP</td>
                <td [style.font-weight]="t.primary ? 'bold' : null">{{ t.template }}</td>
                <td>{{ t.primary ? 'Primary' : '' }}</td>
              </tr>
            } @empty {
              <tr>
                <td class="empty" colspan="3">No address templates. Add one, for example %g.%s&#64;example.com.</td>
              </tr>
            }
          </tbody>
        </table>
        <est-field-error [problem]="policy.problem()" field="addressTemplates" />
        <div class="row-actions">
          <button type="button" class="btn btn-small" (click)="addTemplate()">New…</button>
          <button type="button" class="btn btn-small" [disabled]="selectedTemplate() === null" (click)="editTemplate()">
            Edit…
          </button>
          <button type="button" class="btn btn-small" [disabled]="!canRemoveTemplate()" (click)="removeTemplate()">
            Remove
          </button>
          <button type="button" class="btn btn-small" [disabled]="!canSetPrimary()" (click)="setPrimary()">
            Set as Primary
          </button>
        </div>
        <fieldset class="group-box" style="margin-top: 14px">
          <legend>Template variables</legend>
          <p class="hint">
            %g given name, %s surname, %i initials, %m alias, %d display name; a number takes the first letters (%1g%s
            gives jsmith); %rxy replaces x with y.
          </p>
        </fieldset>
        @if (!isNew()) {
          <div class="row-actions">
            <button type="button" class="btn" [disabled]="policy.busy() || dirty()" (click)="applyNow()">
              Apply This Policy Now
            </button>
          </div>
          @if (store.applied(); as a) {
            <p class="success-banner">
              {{ a.recipientsChecked }} recipients checked, {{ a.recipientsUpdated }} updated ({{
                a.addressesAdded
              }}
              addresses added, {{ a.addressesRemoved }} removed).
            </p>
          }
        }
      </ng-template>
    </est-property-sheet>
  `,
})
export class RecipientPolicySheet implements OnInit {
  readonly id = input.required<string>();
  protected readonly store = inject(RecipientPolicyStore);
  private readonly sheets = inject(SheetNavigator);
  private readonly dialogs = inject(DialogService);
  protected readonly policy = this.store.policy;

  protected readonly name = signal('');
  protected readonly priority = signal<number | null>(null);
  protected readonly filterRows = signal<FilterRow[] | null>([]);
  protected readonly templates = signal<AddressTemplate[]>([]);
  protected readonly selectedTemplate = signal<number | null>(null);
  private readonly createdId = signal<string | null>(null);

  protected readonly isNew = computed(() => this.id() === 'new' && this.createdId() === null);
  protected readonly isDefault = computed(() => this.policy.value()?.isDefault === true);
  protected readonly canRemoveTemplate = computed(() => {
    const i = this.selectedTemplate();
    return i !== null && this.templates()[i]?.primary === false;
  });
  protected readonly canSetPrimary = this.canRemoveTemplate;

  protected readonly dirty = computed(() => {
    const original = this.policy.value();
    if (!original) return this.name().trim().length > 0 || this.templates().length > 0;
    return Object.keys(this.pending(original)).length > 0;
  });

  ngOnInit(): void {
    if (this.id() !== 'new') void this.store.load(this.id()).then((p) => p && this.reset(p));
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected number(event: Event): number | null {
    const value = (event.target as HTMLInputElement).value;
    return value === '' ? null : Number(value);
  }

  private reset(p: RecipientPolicyDto): void {
    this.name.set(p.name);
    this.priority.set(p.isDefault ? null : p.priority);
    this.filterRows.set(toRows(p.filter));
    this.templates.set(p.addressTemplates.map((t) => ({ ...t })));
    this.selectedTemplate.set(null);
  }

  private pending(original: RecipientPolicyDto): UpdateRecipientPolicyRequest {
    const request: UpdateRecipientPolicyRequest = {};
    if (this.name().trim() !== original.name) request.name = this.name().trim();
    if (!original.isDefault) {
      const priority = this.priority();
      if (priority !== null && priority !== original.priority) request.priority = priority;
      const rows = this.filterRows();
      if (rows !== null) {
        const filter = fromRows(rows);
        if (!sameValue(filter, original.filter)) request.filter = filter;
      }
    }
    if (!sameValue(this.templates(), original.addressTemplates)) {
      request.addressTemplates = this.templates();
    }
    return request;
  }

  protected async addTemplate(): Promise<void> {
    const template = await this.dialogs.prompt({
      title: 'New SMTP Address Template',
      label: 'Address (e.g. %g.%s@example.com):',
    });
    if (!template) return;
    this.templates.update((list) => [...list, { template: template.trim(), primary: list.length === 0 }]);
    this.selectedTemplate.set(this.templates().length - 1);
  }

  protected async editTemplate(): Promise<void> {
    const index = this.selectedTemplate();
    if (index === null) return;
    const current = this.templates()[index];
    const template = await this.dialogs.prompt({
      title: 'Edit SMTP Address Template',
      label: 'Address:',
      initial: current.template,
    });
    if (!template) return;
    this.templates.update((list) => list.map((t, i) => (i === index ? { ...t, template: template.trim() } : t)));
  }

  protected removeTemplate(): void {
    const index = this.selectedTemplate();
    this.templates.update((list) => list.filter((_, i) => i !== index));
    this.selectedTemplate.set(null);
  }

  protected setPrimary(): void {
    const index = this.selectedTemplate();
    this.templates.update((list) => list.map((t, i) => ({ ...t, primary: i === index })));
  }

  protected async applyNow(): Promise<void> {
    const p = this.policy.value();
    if (p) await this.store.apply(p.id);
  }

  protected async apply(): Promise<boolean> {
    if (this.id() === 'new' && this.createdId() === null) {
      const created = await this.store.create({
        name: this.name().trim(),
        ...(this.priority() !== null ? { priority: this.priority() ?? undefined } : {}),
        filter: fromRows(this.filterRows() ?? []),
        addressTemplates: this.templates(),
      });
      if (!created) return false;
      this.createdId.set(created.id);
      this.reset(created);
      return true;
    }
    const original = this.policy.value();
    if (!original) return false;
    const pending = this.pending(original);
    if (Object.keys(pending).length === 0) return true;
    const saved = await this.store.save(original.id, pending);
    const p = this.policy.value();
    if (saved && p) this.reset(p);
    return saved;
  }

  protected async ok(): Promise<void> {
    if (await this.apply()) void this.sheets.close();
  }

  protected close(): void {
    void this.sheets.close();
  }
}
