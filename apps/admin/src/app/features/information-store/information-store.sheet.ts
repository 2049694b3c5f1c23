import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { InformationStoreDto, UpdateInformationStoreRequest } from '@estafette/contracts';
import { SheetNavigator } from '../../core/navigation/sheet-navigator';
import { storeKindLabel } from '../../shared/format/labels';
import { changes, numberOrNull } from '../../shared/forms/form-diff';
import { DialogService } from '../../shared/ui/dialog.service';
import { FieldErrorComponent } from '../../shared/ui/field-error.component';
import { IconComponent } from '../../shared/ui/icon.component';
import { PropertySheetComponent } from '../../shared/ui/property-sheet.component';
import { SheetTabDirective } from '../../shared/ui/sheet-tab.directive';
import { InformationStoreStore } from './information-store.store';

type QuotaKey = 'issueWarningKb' | 'prohibitSendKb' | 'prohibitSendReceiveKb';

/** Mailbox store / public folder store properties: General, Limits, Database. */
@Component({
  selector: 'est-information-store-sheet',
  imports: [FieldErrorComponent, IconComponent, PropertySheetComponent, ReactiveFormsModule, SheetTabDirective],
  providers: [InformationStoreStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-property-sheet
      [heading]="(store.value()?.name ?? 'Store') + ' Properties'"
      [icon]="store.value()?.kind === 'public' ? 'public-store' : 'mailbox-store'"
      [problem]="store.problem()"
      [loading]="store.loading()"
      [busy]="store.busy()"
      [dirty]="dirty()"
      (ok)="ok()"
      (cancel)="close()"
      (apply)="apply()"
    >
      <ng-template estSheetTab="General" [fields]="['name']">
        @if (store.value(); as s) {
          <div class="form-grid" [formGroup]="form">
            <label for="store-name">Name:</label>
            <div class="field">
              <input id="store-name" type="text" formControlName="name" />
              <est-field-error [problem]="store.problem()" field="name" />
            </div>
            <label for="store-kind">Type:</label>
            <input id="store-kind" type="text" [value]="kindLabel(s)" readonly />
            <label for="store-group">Storage group:</label>
            <input id="store-group" type="text" [value]="state.storageGroup()?.name ?? ''" readonly />
            @if (s.kind === 'mailbox') {
              <label for="store-mailboxes">Mailboxes:</label>
              <input id="store-mailboxes" class="narrow" type="text" [value]="s.mailboxCount" readonly />
            }
          </div>
        }
      </ng-template>
      <ng-template
        estSheetTab="Limits"
        [fields]="['issueWarningKb', 'prohibitSendKb', 'prohibitSendReceiveKb', 'deletedItemRetentionDays']"
      >
        <div [formGroup]="form">
          <fieldset class="group-box">
            <legend>Storage limits</legend>
            <div class="form-grid">
              @for (quota of quotas; track quota.key) {
                <label class="check">
                  <input type="checkbox" [formControlName]="quota.key + 'On'" />
                  {{ quota.label }}
                </label>
                <div class="field">
                  <input
                    class="narrow"
                    type="number"
                    min="0"
                    [attr.aria-label]="quota.label"
                    [id]="'store-' + quota.key"
                    [formControlName]="quota.key"
                  />
                  <est-field-error [problem]="store.problem()" [field]="quota.key" />
                </div>
              }
            </div>
          </fieldset>
          <fieldset class="group-box">
            <legend>Deletion settings</legend>
            <div class="form-grid">
              <label for="store-retention">Keep deleted items for (days):</label>
              <div class="field">
                <input
                  id="store-retention"
                  class="narrow"
                  type="number"
                  min="0"
                  formControlName="deletedItemRetentionDays"
                />
                <est-field-error [problem]="store.problem()" field="deletedItemRetentionDays" />
              </div>
            </div>
          </fieldset>
          <p class="hint">Limits are in KB. Mailboxes can override them on their Exchange General tab.</p>
        </div>
      </ng-template>
      <ng-template estSheetTab="Database">
        @if (store.value(); as s) {
          <div class="form-grid">
            <span>State:</span>
            <div class="field-row">
              <span class="status-pill" [class.on]="s.mounted" [class.off]="!s.mounted" data-testid="store-state">
                <est-icon [name]="s.mounted ? 'mount' : 'dismount'" />
                {{ s.mounted ? 'Mounted' : 'Dismounted' }}
              </span>
            </div>
            <span></span>
            <div class="row-actions">
              <button type="button" class="btn" [disabled]="s.mounted || store.busy()" (click)="mount(true)">
                Mount Store
              </button>
              <button type="button" class="btn" [disabled]="!s.mounted || store.busy()" (click)="mount(false)">
                Dismount Store
              </button>
            </div>
            <p class="hint span-2">
              While a store is dismounted its mailboxes or folders cannot be opened and mail for them waits in the
              queue.
            </p>
          </div>
        }
      </ng-template>
    </est-property-sheet>
  `,
})
export class InformationStoreSheet implements OnInit {
  readonly id = input.required<string>();
  protected readonly state = inject(InformationStoreStore);
  private readonly sheets = inject(SheetNavigator);
  private readonly dialogs = inject(DialogService);
  protected readonly store = this.state.store;
  protected readonly quotas: ReadonlyArray<{ key: QuotaKey; label: string }> = [
    { key: 'issueWarningKb', label: 'Issue warning at (KB):' },
    { key: 'prohibitSendKb', label: 'Prohibit send at (KB):' },
    { key: 'prohibitSendReceiveKb', label: 'Prohibit send and receive at (KB):' },
  ];
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: '',
    issueWarningKbOn: false,
    issueWarningKb: null as number | null,
    prohibitSendKbOn: false,
    prohibitSendKb: null as number | null,
    prohibitSendReceiveKbOn: false,
    prohibitSendReceiveKb: null as number | null,
    deletedItemRetentionDays: 0 as number | null,
  });
  private readonly formValue = toSignal(this.form.valueChanges);

  protected readonly dirty = computed(() => {
    this.formValue();
    const original = this.store.value();
    return original !== null && Object.keys(this.pending(original)).length > 0;
  });

  constructor() {
    // A quota box is editable only while its check box is on.
    for (const quota of ['issueWarningKb', 'prohibitSendKb', 'prohibitSendReceiveKb'] as const) {
      this.form.controls[`${quota}On`].valueChanges.subscribe((on) => {
        const control = this.form.controls[quota];
        if (on) control.enable({ emitEvent: false });
        else control.disable({ emitEvent: false });
      });
    }
  }

  ngOnInit(): void {
    void this.state.load(this.id()).then((s) => s && this.reset(s));
  }

  protected kindLabel(store: InformationStoreDto): string {
    return storeKindLabel(store.kind);
  }

  private reset(s: InformationStoreDto): void {
    this.form.setValue({
      name: s.name,
      issueWarningKbOn: s.issueWarningKb !== null,
      issueWarningKb: s.issueWarningKb,
      prohibitSendKbOn: s.prohibitSendKb !== null,
      prohibitSendKb: s.prohibitSendKb,
      prohibitSendReceiveKbOn: s.prohibitSendReceiveKb !== null,
      prohibitSendReceiveKb: s.prohibitSendReceiveKb,
      deletedItemRetentionDays: s.deletedItemRetentionDays,
    });
  }

  private pending(original: InformationStoreDto): UpdateInformationStoreRequest {
    const v = this.form.getRawValue();
    const quota = (on: boolean, value: number | null) => (on ? (numberOrNull(value) ?? Number.NaN) : null);
    return changes<UpdateInformationStoreRequest>(original, {
      name: v.name.trim(),
      issueWarningKb: quota(v.issueWarningKbOn, v.issueWarningKb),
      prohibitSendKb: quota(v.prohibitSendKbOn, v.prohibitSendKb),
      prohibitSendReceiveKb: quota(v.prohibitSendReceiveKbOn, v.prohibitSendReceiveKb),
      deletedItemRetentionDays: numberOrNull(v.deletedItemRetentionDays) ?? Number.NaN,
    });
  }

  protected async mount(mounted: boolean): Promise<void> {
    const s = this.store.value();
    if (!s) return;
    if (!mounted) {
      const sure = await this.dialogs.confirm({
        title: 'Dismount Store',
        message: `Dismount "${s.name}"? Users of its ${s.kind === 'mailbox' ? 'mailboxes' : 'folders'} lose access until it is mounted again.`,
      });
      if (!sure) return;
    }
    await this.state.setMounted(s.id, mounted);
  }

  protected async apply(): Promise<boolean> {
    const original = this.store.value();
    if (!original) return false;
    const pending = this.pending(original);
    if (Object.keys(pending).length === 0) return true;
    const saved = await this.state.save(original.id, pending);
    const s = this.store.value();
    if (saved && s) this.reset(s);
    return saved;
  }

  protected async ok(): Promise<void> {
    if (await this.apply()) void this.sheets.close();
  }

  protected close(): void {
    void this.sheets.close();
  }
}
