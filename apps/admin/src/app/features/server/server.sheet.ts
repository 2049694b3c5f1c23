import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { ServerDto } from '@estafette/contracts';
import { SheetNavigator } from '../../core/navigation/sheet-navigator';
import { changes } from '../../shared/forms/form-diff';
import { FieldErrorComponent } from '../../shared/ui/field-error.component';
import { PropertySheetComponent } from '../../shared/ui/property-sheet.component';
import { SheetTabDirective } from '../../shared/ui/sheet-tab.directive';
import { ServerStore } from './server.store';

/** Server properties: identity, and the administrative and routing group it belongs to. */
@Component({
  selector: 'est-server-sheet',
  imports: [DatePipe, FieldErrorComponent, PropertySheetComponent, ReactiveFormsModule, SheetTabDirective],
  providers: [ServerStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-property-sheet
      [heading]="(server.value()?.name ?? 'Server') + ' Properties'"
      icon="server"
      [problem]="server.problem()"
      [loading]="server.loading()"
      [busy]="server.busy()"
      [dirty]="dirty()"
      (ok)="ok()"
      (cancel)="close()"
      (apply)="apply()"
    >
      <ng-template estSheetTab="General" [fields]="['administrativeGroupId', 'routingGroupId']">
        @if (server.value(); as s) {
          <div class="form-grid" [formGroup]="form">
            <label for="server-name">Name:</label>
            <input id="server-name" type="text" [value]="s.name" readonly />
            <label for="server-version">Version:</label>
            <input id="server-version" type="text" [value]="'Estafette ' + s.version" readonly />
            <label for="server-started">Last started:</label>
            <input
              id="server-started"
              type="text"
              [value]="s.lastStartedAt ? (s.lastStartedAt | date: 'medium') : 'Never'"
              readonly
            />
            <h3 class="group-title">Membership</h3>
            <label for="server-ag">Administrative group:</label>
            <div class="field">
              <select id="server-ag" formControlName="administrativeGroupId">
                @for (g of store.administrativeGroups(); track g.id) {
                  <option [value]="g.id">{{ g.name }}</option>
                }
              </select>
              <est-field-error [problem]="server.problem()" field="administrativeGroupId" />
            </div>
            <label for="server-rg">Routing group:</label>
            <div class="field">
              <select id="server-rg" formControlName="routingGroupId">
                @for (g of routingGroupChoices(); track g.id) {
                  <option [value]="g.id">{{ g.name }}</option>
                }
              </select>
              <est-field-error [problem]="server.problem()" field="routingGroupId" />
            </div>
            <p class="hint span-2">
              Servers in one routing group deliver mail to each other directly; mail to other routing groups travels
              over routing group connectors.
            </p>
            <h3 class="group-title">Role</h3>
            <span>Routing group master:</span>
            <span class="readonly-value">{{
              isMaster(s) ? 'Yes: this server keeps the routing group link state' : 'No'
            }}</span>
            <span>Storage:</span>
            <span class="readonly-value"
              >{{ store.storageGroups().length }} storage group(s), {{ store.stores().length }} store(s)</span
            >
            <span>Protocols:</span>
            <span class="readonly-value">{{ enabledProtocols() }}</span>
          </div>
        }
      </ng-template>
      <ng-template estSheetTab="Storage">
        <table class="mini-table" aria-label="Storage groups and stores">
          <thead>
            <tr>
              <th>Storage group / store</th>
              <th style="width: 22%">Type</th>
              <th style="width: 18%">State</th>
              <th style="width: 14%">Mailboxes</th>
            </tr>
          </thead>
          <tbody>
            @for (g of store.storageGroups(); track g.id) {
              <tr>
                <td colspan="4">
                  <strong>{{ g.name }}</strong>
                </td>
              </tr>
              @for (s of storesOf(g.id); track s.id) {
                <tr>
                  <td style="padding-left: 22px">{{ s.name }}</td>
                  <td>{{ s.kind === 'mailbox' ? 'Mailbox store' : 'Public folder store' }}</td>
                  <td>
                    <span class="status-pill" [class.on]="s.mounted" [class.off]="!s.mounted">{{
                      s.mounted ? 'Mounted' : 'Dismounted'
                    }}</span>
                  </td>
                  <td>{{ s.kind === 'mailbox' ? s.mailboxCount : '' }}</td>
                </tr>
              }
            } @empty {
              <tr>
                <td class="empty" colspan="4">This server has no storage groups.</td>
              </tr>
            }
          </tbody>
        </table>
      </ng-template>
      <ng-template estSheetTab="Protocols">
        <table class="mini-table" aria-label="Protocol virtual servers">
          <thead>
            <tr>
              <th>Virtual server</th>
              <th style="width: 16%">Port</th>
              <th style="width: 16%">TLS port</th>
              <th style="width: 16%">State</th>
            </tr>
          </thead>
          <tbody>
            @for (v of store.virtualServers(); track v.id) {
              <tr>
                <td>{{ v.name }}</td>
                <td>{{ v.port }}</td>
                <td>{{ v.tlsPort ?? '—' }}</td>
                <td>
                  <span class="status-pill" [class.on]="v.enabled" [class.off]="!v.enabled">{{
                    v.enabled ? 'Running' : 'Stopped'
                  }}</span>
                </td>
              </tr>
            } @empty {
              <tr>
                <td class="empty" colspan="4">No protocol virtual servers.</td>
              </tr>
            }
          </tbody>
        </table>
        <p class="hint" style="margin-top: 8px">Open a virtual server under Protocols in the tree to change it.</p>
      </ng-template>
      <ng-template estSheetTab="Details">
        @if (server.value(); as s) {
          <dl class="summary-list">
            <dt>Object ID</dt>
            <dd>{{ s.id }}</dd>
            <dt>Administrative group</dt>
            <dd>{{ groupName(s.administrativeGroupId) }}</dd>
            <dt>Routing group</dt>
            <dd>{{ routingName(s.routingGroupId) }}</dd>
            <dt>Software version</dt>
            <dd>{{ s.version }}</dd>
            <dt>Routing group master</dt>
            <dd>{{ isMaster(s) ? 'Yes' : 'No' }}</dd>
          </dl>
        }
      </ng-template>
    </est-property-sheet>
  `,
})
export class ServerSheet implements OnInit {
  readonly id = input.required<string>();
  protected readonly store = inject(ServerStore);
  private readonly sheets = inject(SheetNavigator);
  protected readonly server = this.store.server;
  protected readonly form = inject(FormBuilder).nonNullable.group({ administrativeGroupId: '', routingGroupId: '' });
  private readonly formValue = toSignal(this.form.valueChanges);

  protected readonly routingGroupChoices = computed(() => {
    const group = this.formValue()?.administrativeGroupId ?? this.server.value()?.administrativeGroupId;
    return this.store.routingGroups().filter((g) => g.administrativeGroupId === group);
  });

  // The virtual servers switched on; whether a listener is up is a runtime state the API does not report yet.
  protected readonly enabledProtocols = computed(() => {
    const enabled = this.store.virtualServers().filter((v) => v.enabled);
    return enabled.length ? enabled.map((v) => v.protocol.toUpperCase()).join(', ') + ' enabled' : 'None enabled';
  });

  protected readonly dirty = computed(() => {
    this.formValue();
    const original = this.server.value();
    return original !== null && Object.keys(changes(original, this.form.getRawValue())).length > 0;
  });

  ngOnInit(): void {
    void this.store.load(this.id()).then((s) => s && this.reset(s));
  }

  private reset(server: ServerDto): void {
    this.form.setValue({ administrativeGroupId: server.administrativeGroupId, routingGroupId: server.routingGroupId });
  }

  protected storesOf(storageGroupId: string) {
    return this.store.stores().filter((s) => s.storageGroupId === storageGroupId);
  }

  protected isMaster(server: ServerDto): boolean {
    return this.store.routingGroups().some((g) => g.masterServerId === server.id);
  }

  protected groupName(id: string): string {
    return this.store.administrativeGroups().find((g) => g.id === id)?.name ?? id;
  }

  protected routingName(id: string): string {
    return this.store.routingGroups().find((g) => g.id === id)?.name ?? id;
  }

  protected async apply(): Promise<boolean> {
    const original = this.server.value();
    if (!original) return false;
    const pending = changes(original, this.form.getRawValue());
    if (Object.keys(pending).length === 0) return true;
    const saved = await this.store.save(original.id, pending);
    const server = this.server.value();
    if (saved && server) this.reset(server);
    return saved;
  }

  protected async ok(): Promise<void> {
    if (await this.apply()) void this.sheets.close();
  }

  protected close(): void {
    void this.sheets.close();
  }
}
