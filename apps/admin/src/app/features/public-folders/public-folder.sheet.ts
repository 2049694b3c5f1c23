import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import type {
  FolderPermissionDto,
  FolderPermissionRequest,
  FolderRights,
  FolderRole,
  PublicFolderDto,
  RecipientSummaryDto,
  UpdatePublicFolderRequest,
} from '@estafette/contracts';
import { SheetNavigator } from '../../core/navigation/sheet-navigator';
import { changes } from '../../shared/forms/form-diff';
import { FieldErrorComponent } from '../../shared/ui/field-error.component';
import { PropertySheetComponent } from '../../shared/ui/property-sheet.component';
import { RecipientPickerComponent } from '../../shared/ui/recipient-picker.component';
import { SheetTabDirective } from '../../shared/ui/sheet-tab.directive';
import { FOLDER_ROLES, rightsOf } from './folder-rights';
import { PublicFolderStore } from './public-folder.store';

function permissionKey(p: Pick<FolderPermissionDto, 'principal' | 'recipientId'>): string {
  return p.principal === 'recipient' ? `recipient:${p.recipientId}` : p.principal;
}

const RIGHT_LABELS: ReadonlyArray<{ key: keyof FolderRights; label: string }> = [
  { key: 'createItems', label: 'Create items' },
  { key: 'readItems', label: 'Read items' },
  { key: 'createSubfolders', label: 'Create subfolders' },
  { key: 'folderOwner', label: 'Folder owner' },
  { key: 'folderContact', label: 'Folder contact' },
  { key: 'folderVisible', label: 'Folder visible' },
];

/** Public folder properties: General (name, description, mail-enabled) and the client Permissions grid. */
@Component({
  selector: 'est-public-folder-sheet',
  imports: [
    FieldErrorComponent,
    PropertySheetComponent,
    ReactiveFormsModule,
    RecipientPickerComponent,
    SheetTabDirective,
  ],
  providers: [PublicFolderStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-property-sheet
      [heading]="(folder.value()?.name ?? 'Public Folder') + ' Properties'"
      icon="public-folder"
      width="620px"
      [problem]="folder.problem()"
      [loading]="folder.loading()"
      [busy]="folder.busy()"
      [dirty]="dirty()"
      (ok)="ok()"
      (cancel)="close()"
      (apply)="apply()"
    >
      <ng-template
        estSheetTab="General"
        [fields]="['name', 'description', 'mailEnabled', 'alias', 'displayName', 'hiddenFromAddressLists']"
      >
        @if (folder.value(); as f) {
          <div class="form-grid" [formGroup]="form">
            <label for="pf-name">Name:</label>
            <div class="field">
              @if (f.parentId === null) {
                <input id="pf-name" type="text" [value]="f.name" readonly />
              } @else {
                <input id="pf-name" type="text" formControlName="name" />
              }
              <est-field-error [problem]="folder.problem()" field="name" />
            </div>
            <span>Path:</span>
            <span class="readonly-value">{{ f.path }}</span>
            <span>Owner:</span>
            <span class="readonly-value">{{ ownerName() }}</span>
            <label for="pf-description">Description:</label>
            <div class="field">
              <textarea id="pf-description" rows="3" formControlName="description"></textarea>
              <est-field-error [problem]="folder.problem()" field="description" />
            </div>
            @if (f.parentId !== null) {
              <h3 class="group-title">E-mail</h3>
              <span></span>
              <label class="check"
                ><input type="checkbox" formControlName="mailEnabled" /> Mail-enable this folder</label
              >
              <label for="pf-alias">Alias:</label>
              <div class="field">
                <input id="pf-alias" type="text" formControlName="alias" placeholder="the folder name without spaces" />
                <est-field-error [problem]="folder.problem()" field="alias" />
              </div>
              <label for="pf-display">Address book name:</label>
              <div class="field">
                <input id="pf-display" type="text" formControlName="displayName" [placeholder]="f.name" />
                <est-field-error [problem]="folder.problem()" field="displayName" />
              </div>
              <span>E-mail address:</span>
              <span class="readonly-value">{{ f.primarySmtpAddress ?? 'None' }}</span>
              <span></span>
              <label class="check"
                ><input type="checkbox" formControlName="hiddenFromAddressLists" /> Hide from Exchange address
                lists</label
              >
            }
          </div>
        }
      </ng-template>
      <ng-template estSheetTab="Permissions" [fields]="['permissions']">
        <p class="hint" style="margin-bottom: 8px">Client permissions: who may read, post in and manage this folder.</p>
        <table class="mini-table" aria-label="Client permissions">
          <thead>
            <tr>
              <th>Name</th>
              <th style="width: 44%">Role</th>
            </tr>
          </thead>
          <tbody>
            @for (p of permissions(); track key(p)) {
              <tr [class.selected]="key(p) === selectedPermission()" (click)="selectedPermission.set(key(p))">
                <td>{{ principalName(p) }}</td>
                <td>
                  <select
                    [attr.aria-label]="'Role of ' + principalName(p)"
                    (change)="setRole(p, $event)"
                    (focus)="selectedPermission.set(key(p))"
                  >
                    @for (r of roles; track r.role) {
                      <option [value]="r.role" [selected]="r.role === p.role">{{ r.label }}</option>
                    }
                  </select>
                </td>
              </tr>
            }
          </tbody>
        </table>
        <est-field-error [problem]="folder.problem()" field="permissions" />
        <div class="row-actions">
          <button type="button" class="btn btn-small" (click)="picking.set(true)">Add…</button>
          <button type="button" class="btn btn-small" [disabled]="!canRemove()" (click)="removeSelected()">
            Remove
          </button>
        </div>
        @if (selectedRights(); as rights) {
          <fieldset class="group-box" style="margin-top: 12px">
            <legend>Rights of the role</legend>
            <div class="rights-grid">
              @for (r of rightLabels; track r.key) {
                <label class="check"
                  ><input type="checkbox" disabled [checked]="rights[r.key] === true" /> {{ r.label }}</label
                >
              }
              <span
                >Edit items: <strong>{{ scope(rights.editItems) }}</strong></span
              >
              <span
                >Delete items: <strong>{{ scope(rights.deleteItems) }}</strong></span
              >
            </div>
          </fieldset>
        }
      </ng-template>
    </est-property-sheet>
    @if (picking()) {
      <est-recipient-picker
        heading="Add Users"
        [search]="search"
        [exclude]="permittedIds()"
        (picked)="addRecipient($event)"
        (closed)="picking.set(false)"
      />
    }
  `,
  styles: `
    .rights-grid {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 4px 16px;
    }
  `,
})
export class PublicFolderSheet implements OnInit {
  readonly id = input.required<string>();
  protected readonly store = inject(PublicFolderStore);
  private readonly sheets = inject(SheetNavigator);
  protected readonly folder = this.store.folder;
  protected readonly roles = FOLDER_ROLES;
  protected readonly rightLabels = RIGHT_LABELS;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: '',
    description: '',
    mailEnabled: false,
    alias: '',
    displayName: '',
    hiddenFromAddressLists: false,
  });
  private readonly formValue = toSignal(this.form.valueChanges);
  protected readonly permissions = signal<FolderPermissionDto[]>([]);
  protected readonly selectedPermission = signal<string | null>(null);
  protected readonly picking = signal(false);
  protected readonly search = (term: string) => this.store.search(term);

  protected readonly ownerName = computed(() => {
    const owner = this.folder.value()?.ownerId;
    if (!owner) return 'None';
    const r = this.store.names().get(owner);
    return r ? r.displayName || r.alias : owner;
  });
  protected readonly permittedIds = computed(() =>
    this.permissions()
      .map((p) => p.recipientId)
      .filter((id): id is string => id !== null),
  );
  protected readonly selectedRights = computed(() => {
    const selected = this.permissions().find((p) => permissionKey(p) === this.selectedPermission());
    return selected ? rightsOf(selected.role) : null;
  });
  protected readonly canRemove = computed(() => this.selectedPermission()?.startsWith('recipient:') === true);
  protected readonly dirty = computed(() => {
    this.formValue();
    this.permissions();
    const original = this.folder.value();
    return (
      original !== null && (Object.keys(this.pending(original)).length > 0 || this.permissionChange(original) !== null)
    );
  });

  ngOnInit(): void {
    void this.store.load(this.id()).then((f) => f && this.reset(f));
  }

  protected key(p: FolderPermissionDto): string {
    return permissionKey(p);
  }

  protected principalName(p: FolderPermissionDto): string {
    if (p.principal === 'default') return 'Default';
    if (p.principal === 'anonymous') return 'Anonymous';
    const r = p.recipientId ? this.store.names().get(p.recipientId) : undefined;
    return r ? r.displayName || r.alias : (p.recipientId ?? '');
  }

  protected scope(value: FolderRights['editItems']): string {
    return value === 'all' ? 'All' : value === 'own' ? 'Own' : 'None';
  }

  private reset(f: PublicFolderDto): void {
    this.form.setValue({
      name: f.name,
      description: f.description,
      mailEnabled: f.mailEnabled,
      alias: f.alias ?? '',
      displayName: f.displayName ?? '',
      hiddenFromAddressLists: f.hiddenFromAddressLists,
    });
    // Default and Anonymous first, as in the Exchange permissions list.
    const order = (p: FolderPermissionDto) => (p.principal === 'default' ? 0 : p.principal === 'anonymous' ? 1 : 2);
    const list = [...f.permissions].sort((a, b) => order(a) - order(b));
    for (const principal of ['default', 'anonymous'] as const) {
      if (!list.some((p) => p.principal === principal)) list.push({ principal, recipientId: null, role: 'none' });
    }
    this.permissions.set(list.sort((a, b) => order(a) - order(b)));
  }

  private pending(original: PublicFolderDto): UpdatePublicFolderRequest {
    const v = this.form.getRawValue();
    const candidate: UpdatePublicFolderRequest = { description: v.description };
    if (original.parentId !== null) {
      Object.assign(candidate, {
        name: v.name.trim(),
        mailEnabled: v.mailEnabled,
        hiddenFromAddressLists: v.hiddenFromAddressLists,
        displayName: v.displayName.trim() || null,
      });
      if (v.alias.trim()) candidate.alias = v.alias.trim();
    }
    return changes<UpdatePublicFolderRequest>(
      {
        name: original.name,
        description: original.description,
        mailEnabled: original.mailEnabled,
        hiddenFromAddressLists: original.hiddenFromAddressLists,
        displayName: original.displayName,
        alias: original.alias ?? undefined,
      },
      candidate,
    );
  }

  private permissionChange(original: PublicFolderDto): FolderPermissionRequest[] | null {
    const normalise = (list: readonly FolderPermissionDto[]) =>
      list
        .filter((p) => !(p.principal !== 'recipient' && p.role === 'none'))
        .map((p) => `${permissionKey(p)}=${p.role}`)
        .sort()
        .join(',');
    if (normalise(original.permissions) === normalise(this.permissions())) return null;
    return this.permissions().map((p) => ({ principal: p.principal, recipientId: p.recipientId, role: p.role }));
  }

  protected setRole(p: FolderPermissionDto, event: Event): void {
    const role = (event.target as HTMLSelectElement).value as FolderRole;
    this.permissions.update((list) => list.map((x) => (permissionKey(x) === permissionKey(p) ? { ...x, role } : x)));
    this.selectedPermission.set(permissionKey(p));
  }

  protected addRecipient(r: RecipientSummaryDto): void {
    this.store.remember([r]);
    this.permissions.update((list) => [...list, { principal: 'recipient', recipientId: r.id, role: 'author' }]);
    this.selectedPermission.set(`recipient:${r.id}`);
    this.picking.set(false);
  }

  protected removeSelected(): void {
    const key = this.selectedPermission();
    this.permissions.update((list) => list.filter((p) => permissionKey(p) !== key));
    this.selectedPermission.set(null);
  }

  protected async apply(): Promise<boolean> {
    const original = this.folder.value();
    if (!original) return false;
    const pending = this.pending(original);
    const permissions = this.permissionChange(original);
    if (Object.keys(pending).length === 0 && permissions === null) return true;
    const saved = await this.store.save(original.id, pending, permissions);
    const f = this.folder.value();
    if (saved && f) this.reset(f);
    return saved;
  }

  protected async ok(): Promise<void> {
    if (await this.apply()) void this.sheets.close();
  }

  protected close(): void {
    void this.sheets.close();
  }
}
