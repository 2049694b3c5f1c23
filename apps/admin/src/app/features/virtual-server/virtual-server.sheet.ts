import { ChangeDetectionStrategy, Component, type OnInit, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import {
  AUTH_METHODS_BY_PROTOCOL,
  DEFAULT_TLS_PORTS,
  type AuthMethod,
  type UpdateVirtualServerRequest,
  type VirtualServerDto,
  type VirtualServerSettings,
} from '@estafette/contracts';
import { SheetNavigator } from '../../core/navigation/sheet-navigator';
import { AUTH_METHOD_LABELS, protocolLabel } from '../../shared/format/labels';
import { changes, numberOrNull, sameValue } from '../../shared/forms/form-diff';
import { FieldErrorComponent } from '../../shared/ui/field-error.component';
import { PropertySheetComponent } from '../../shared/ui/property-sheet.component';
import { SheetTabDirective } from '../../shared/ui/sheet-tab.directive';
import { VirtualServerStore } from './virtual-server.store';

/** Parses the relay list: one address or CIDR range per line (commas work too). */
function relayList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Protocol virtual server properties: General, Authentication, and for SMTP Messages and Access (relay). */
@Component({
  selector: 'est-virtual-server-sheet',
  imports: [FieldErrorComponent, PropertySheetComponent, ReactiveFormsModule, SheetTabDirective],
  providers: [VirtualServerStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-property-sheet
      [heading]="(vs.value()?.name ?? 'Virtual Server') + ' Properties'"
      icon="virtual-server"
      width="600px"
      [problem]="vs.problem()"
      [loading]="vs.loading()"
      [busy]="vs.busy()"
      [dirty]="dirty()"
      (ok)="ok()"
      (cancel)="close()"
      (apply)="apply()"
    >
      <ng-template
        estSheetTab="General"
        [fields]="[
          'name',
          'bindAddress',
          'port',
          'tlsPort',
          'enabled',
          'settings.maxConnections',
          'settings.connectionTimeoutSeconds',
          'settings.submissionPort',
        ]"
      >
        @if (vs.value(); as v) {
          <div class="form-grid" [formGroup]="form">
            <label for="vs-name">Name:</label>
            <div class="field">
              <input id="vs-name" type="text" formControlName="name" />
              <est-field-error [problem]="vs.problem()" field="name" />
            </div>
            <label for="vs-protocol">Protocol:</label>
            <input id="vs-protocol" class="narrow" type="text" [value]="protocol()" readonly />
            <label for="vs-bind">IP address:</label>
            <div class="field">
              <input id="vs-bind" type="text" formControlName="bindAddress" placeholder="0.0.0.0 (all unassigned)" />
              <est-field-error [problem]="vs.problem()" field="bindAddress" />
            </div>
            <label for="vs-port">TCP port:</label>
            <div class="field">
              <input id="vs-port" class="narrow" type="number" min="1" max="65535" formControlName="port" />
              <est-field-error [problem]="vs.problem()" field="port" />
            </div>
            <label for="vs-tls">TLS port:</label>
            <div class="field">
              <input
                id="vs-tls"
                class="narrow"
                type="number"
                min="1"
                max="65535"
                formControlName="tlsPort"
                [placeholder]="'none (usual: ' + defaultTlsPort() + ')'"
              />
              <est-field-error [problem]="vs.problem()" field="tlsPort" />
            </div>
            @if (v.protocol === 'smtp') {
              <label for="vs-submission">Submission port:</label>
              <div class="field">
                <input
                  id="vs-submission"
                  class="narrow"
                  type="number"
                  min="1"
                  max="65535"
                  formControlName="submissionPort"
                />
                <est-field-error [problem]="vs.problem()" field="settings.submissionPort" />
              </div>
            }
            <span></span>
            <label class="check"
              ><input type="checkbox" formControlName="enabled" /> Enabled (accept connections)</label
            >
            <h3 class="group-title">Connections</h3>
            <label for="vs-maxconn">Limit number of connections to:</label>
            <div class="field">
              <input id="vs-maxconn" class="narrow" type="number" min="1" formControlName="maxConnections" />
              <est-field-error [problem]="vs.problem()" field="settings.maxConnections" />
            </div>
            <label for="vs-timeout">Connection time-out (seconds):</label>
            <div class="field">
              <input id="vs-timeout" class="narrow" type="number" min="1" formControlName="connectionTimeoutSeconds" />
              <est-field-error [problem]="vs.problem()" field="settings.connectionTimeoutSeconds" />
            </div>
          </div>
        }
      </ng-template>
      <ng-template estSheetTab="Authentication" [fields]="['authMethods', 'settings.allowPlaintextAuth']">
        <div [formGroup]="form">
          <fieldset class="group-box">
            <legend>Authentication methods</legend>
            <div class="checks">
              @for (method of availableMethods(); track method) {
                <label class="check">
                  <input type="checkbox" [checked]="methodOn(method)" (change)="toggleMethod(method, $event)" />
                  {{ methodLabel(method) }}
                </label>
              }
            </div>
            <est-field-error [problem]="vs.problem()" field="authMethods" />
          </fieldset>
          <fieldset class="group-box">
            <legend>Secure communication</legend>
            <label class="check">
              <input type="checkbox" formControlName="allowPlaintextAuth" />
              Allow passwords on connections that are not encrypted
            </label>
            <p class="hint">Off: clients must start TLS (STARTTLS or the TLS port) before they sign in.</p>
          </fieldset>
        </div>
      </ng-template>
      @if (vs.value()?.protocol === 'smtp') {
        <ng-template estSheetTab="Messages" [fields]="['settings.maxMessageSizeKb', 'settings.maxRecipients']">
          <div class="form-grid" [formGroup]="form">
            <label for="vs-maxsize">Limit message size to (KB):</label>
            <div class="field">
              <input id="vs-maxsize" class="narrow" type="number" min="1" formControlName="maxMessageSizeKb" />
              <est-field-error [problem]="vs.problem()" field="settings.maxMessageSizeKb" />
            </div>
            <label for="vs-maxrcpt">Limit number of recipients per message to:</label>
            <div class="field">
              <input id="vs-maxrcpt" class="narrow" type="number" min="1" formControlName="maxRecipients" />
              <est-field-error [problem]="vs.problem()" field="settings.maxRecipients" />
            </div>
            <p class="hint span-2">The size limit is announced in the EHLO reply (SIZE) and enforced on DATA.</p>
          </div>
        </ng-template>
        <ng-template estSheetTab="Access" [fields]="['settings.relay']">
          <div [formGroup]="form">
            <fieldset class="group-box">
              <legend>Relay restrictions</legend>
              <label for="vs-relay"
                >Only the list below may relay without signing in (one address or range per line):</label
              >
              <div class="field">
                <textarea
                  id="vs-relay"
                  rows="5"
                  formControlName="relayFrom"
                  placeholder="for example 192.0.2.10 or 198.51.100.0/24"
                ></textarea>
                <est-field-error [problem]="vs.problem()" field="settings.relay" />
              </div>
              <label class="check">
                <input type="checkbox" formControlName="allowAuthenticatedRelay" />
                Allow all computers which successfully authenticate to relay, regardless of the list above
              </label>
            </fieldset>
            <p class="hint">
              Mail for the organisation's own domains is always accepted; relay is mail for other domains.
            </p>
          </div>
        </ng-template>
      }
    </est-property-sheet>
  `,
})
export class VirtualServerSheet implements OnInit {
  readonly id = input.required<string>();
  private readonly store = inject(VirtualServerStore);
  private readonly sheets = inject(SheetNavigator);
  protected readonly vs = this.store.virtualServer;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: '',
    bindAddress: '',
    port: 0 as number | null,
    tlsPort: null as number | null,
    enabled: false,
    authMethods: [[] as AuthMethod[]],
    maxConnections: null as number | null,
    connectionTimeoutSeconds: null as number | null,
    submissionPort: null as number | null,
    allowPlaintextAuth: false,
    maxMessageSizeKb: null as number | null,
    maxRecipients: null as number | null,
    relayFrom: '',
    allowAuthenticatedRelay: true,
  });
  private readonly formValue = toSignal(this.form.valueChanges);

  protected readonly protocol = computed(() => {
    const v = this.vs.value();
    return v ? protocolLabel(v.protocol) : '';
  });
  protected readonly defaultTlsPort = computed(() => {
    const v = this.vs.value();
    return v ? DEFAULT_TLS_PORTS[v.protocol] : '';
  });
  protected readonly availableMethods = computed(() => {
    const v = this.vs.value();
    if (!v) return [];
    // Show what the protocol offers plus anything already configured.
    return [...new Set([...AUTH_METHODS_BY_PROTOCOL[v.protocol], ...v.authMethods])];
  });
  protected readonly dirty = computed(() => {
    this.formValue();
    const original = this.vs.value();
    return original !== null && Object.keys(this.pending(original)).length > 0;
  });

  ngOnInit(): void {
    void this.store.load(this.id()).then((v) => v && this.reset(v));
  }

  private reset(v: VirtualServerDto): void {
    const s = v.settings;
    this.form.setValue({
      name: v.name,
      bindAddress: v.bindAddress,
      port: v.port,
      tlsPort: v.tlsPort,
      enabled: v.enabled,
      authMethods: [...v.authMethods],
      maxConnections: s.maxConnections ?? null,
      connectionTimeoutSeconds: s.connectionTimeoutSeconds ?? null,
      submissionPort: s.submissionPort ?? null,
      allowPlaintextAuth: s.allowPlaintextAuth ?? false,
      maxMessageSizeKb: s.maxMessageSizeKb ?? null,
      maxRecipients: s.maxRecipients ?? null,
      relayFrom: (s.relay?.relayFrom ?? []).join('\n'),
      allowAuthenticatedRelay: s.relay?.allowAuthenticatedRelay ?? true,
    });
  }

  protected methodLabel(method: AuthMethod): string {
    return AUTH_METHOD_LABELS[method];
  }

  protected methodOn(method: AuthMethod): boolean {
    this.formValue();
    return this.form.controls.authMethods.value.includes(method);
  }

  protected toggleMethod(method: AuthMethod, event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    const current = this.form.controls.authMethods.value.filter((m) => m !== method);
    this.form.controls.authMethods.setValue(on ? [...current, method] : current);
    this.form.markAsDirty();
  }

  private pending(original: VirtualServerDto): UpdateVirtualServerRequest {
    const v = this.form.getRawValue();
    const num = (value: number | null) => numberOrNull(value) ?? undefined;
    const top = changes<UpdateVirtualServerRequest>(original, {
      name: v.name.trim(),
      bindAddress: v.bindAddress.trim(),
      port: numberOrNull(v.port) ?? Number.NaN,
      tlsPort: numberOrNull(v.tlsPort),
      enabled: v.enabled,
      authMethods: [...v.authMethods].sort(),
    });
    // authMethods compare as sets.
    if (top.authMethods && sameValue(top.authMethods, [...original.authMethods].sort())) {
      delete top.authMethods;
    }
    const settings: VirtualServerSettings = {
      maxConnections: num(v.maxConnections),
      connectionTimeoutSeconds: num(v.connectionTimeoutSeconds),
      allowPlaintextAuth: v.allowPlaintextAuth,
    };
    if (original.protocol === 'smtp') {
      settings.submissionPort = num(v.submissionPort);
      settings.maxMessageSizeKb = num(v.maxMessageSizeKb);
      settings.maxRecipients = num(v.maxRecipients);
      settings.relay = { allowAuthenticatedRelay: v.allowAuthenticatedRelay, relayFrom: relayList(v.relayFrom) };
    }
    const changedSettings = changes(original.settings, settings);
    for (const key of Object.keys(changedSettings) as Array<keyof VirtualServerSettings>) {
      if (changedSettings[key] === undefined) delete changedSettings[key];
    }
    return Object.keys(changedSettings).length > 0 ? { ...top, settings: changedSettings } : top;
  }

  protected async apply(): Promise<boolean> {
    const original = this.vs.value();
    if (!original) return false;
    const pending = this.pending(original);
    if (Object.keys(pending).length === 0) return true;
    const saved = await this.store.save(original.id, pending);
    const v = this.vs.value();
    if (saved && v) this.reset(v);
    return saved;
  }

  protected async ok(): Promise<void> {
    if (await this.apply()) void this.sheets.close();
  }

  protected close(): void {
    void this.sheets.close();
  }
}
