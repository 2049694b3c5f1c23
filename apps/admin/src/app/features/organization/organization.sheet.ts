import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { OrganizationDto } from '@estafette/contracts';
import { SheetNavigator } from '../../core/navigation/sheet-navigator';
import { changes, numberOrNull } from '../../shared/forms/form-diff';
import { FieldErrorComponent } from '../../shared/ui/field-error.component';
import { PropertySheetComponent } from '../../shared/ui/property-sheet.component';
import { SheetTabDirective } from '../../shared/ui/sheet-tab.directive';
import { OrganizationStore } from './organization.store';

/** Organisation properties: the name and the Message Delivery defaults (size and recipient limits). */
@Component({
  selector: 'est-organization-sheet',
  imports: [FieldErrorComponent, PropertySheetComponent, ReactiveFormsModule, SheetTabDirective],
  providers: [OrganizationStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-property-sheet
      [heading]="(org.value()?.name ?? 'Organisation') + ' Properties'"
      icon="organization"
      [problem]="org.problem()"
      [loading]="org.loading()"
      [busy]="org.busy()"
      [dirty]="dirty()"
      (ok)="ok()"
      (cancel)="close()"
      (apply)="apply()"
    >
      <ng-template estSheetTab="General" [fields]="['name', 'maxMessageSizeKb', 'maxRecipientsPerMessage']">
        <div class="form-grid" [formGroup]="form">
          <label for="org-name">Name:</label>
          <div class="field">
            <input id="org-name" type="text" formControlName="name" />
            <est-field-error [problem]="org.problem()" field="name" />
          </div>
          <h3 class="group-title">Message delivery defaults</h3>
          <label for="org-size">Maximum message size (KB):</label>
          <div class="field">
            <input id="org-size" class="narrow" type="number" min="1" formControlName="maxMessageSizeKb" />
            <est-field-error [problem]="org.problem()" field="maxMessageSizeKb" />
          </div>
          <label for="org-recipients">Maximum recipients per message:</label>
          <div class="field">
            <input id="org-recipients" class="narrow" type="number" min="1" formControlName="maxRecipientsPerMessage" />
            <est-field-error [problem]="org.problem()" field="maxRecipientsPerMessage" />
          </div>
          <p class="hint span-2">
            These limits apply to every sender unless a recipient's own delivery restrictions or a virtual server set a
            lower one.
          </p>
        </div>
      </ng-template>
    </est-property-sheet>
  `,
})
export class OrganizationSheet {
  private readonly store = inject(OrganizationStore);
  private readonly sheets = inject(SheetNavigator);
  protected readonly org = this.store.organization;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: '',
    maxMessageSizeKb: 0 as number | null,
    maxRecipientsPerMessage: 0 as number | null,
  });
  private readonly formValue = toSignal(this.form.valueChanges);

  protected readonly dirty = computed(() => {
    this.formValue();
    const original = this.org.value();
    return original !== null && Object.keys(this.pending(original)).length > 0;
  });

  constructor() {
    void this.store.load().then((org) => org && this.reset(org));
  }

  private reset(org: OrganizationDto): void {
    this.form.setValue({
      name: org.name,
      maxMessageSizeKb: org.maxMessageSizeKb,
      maxRecipientsPerMessage: org.maxRecipientsPerMessage,
    });
  }

  private pending(original: OrganizationDto): Partial<OrganizationDto> {
    const v = this.form.getRawValue();
    return changes(original, {
      name: v.name.trim(),
      maxMessageSizeKb: numberOrNull(v.maxMessageSizeKb) ?? Number.NaN,
      maxRecipientsPerMessage: numberOrNull(v.maxRecipientsPerMessage) ?? Number.NaN,
    });
  }

  protected async apply(): Promise<boolean> {
    const original = this.org.value();
    if (!original) return false;
    const pending = this.pending(original);
    if (Object.keys(pending).length === 0) return true;
    const saved = await this.store.save(pending);
    const org = this.org.value();
    if (saved && org) this.reset(org);
    return saved;
  }

  protected async ok(): Promise<void> {
    if (await this.apply()) void this.sheets.close();
  }

  protected close(): void {
    void this.sheets.close();
  }
}
