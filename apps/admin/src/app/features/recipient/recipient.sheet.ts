import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  type OnInit,
  type WritableSignal,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormBuilder, ReactiveFormsModule } from '@angular/forms';
import type {
  DeliveryOptionsDto,
  DeliveryRestrictionsDto,
  ProtocolSettingsDto,
  RecipientDto,
  RecipientLimitsDto,
  RecipientSummaryDto,
  UpdateRecipientRequest,
} from '@estafette/contracts';
import { SheetNavigator } from '../../core/navigation/sheet-navigator';
import { describeFilter } from '../../shared/format/filter-text';
import { recipientIcon, recipientKindLabel } from '../../shared/format/labels';
import { changes, numberOrNull } from '../../shared/forms/form-diff';
import { DialogService } from '../../shared/ui/dialog.service';
import { ErrorBannerComponent } from '../../shared/ui/error-banner.component';
import { FieldErrorComponent } from '../../shared/ui/field-error.component';
import { PropertySheetComponent } from '../../shared/ui/property-sheet.component';
import { RecipientPickerComponent } from '../../shared/ui/recipient-picker.component';
import { SheetTabDirective } from '../../shared/ui/sheet-tab.directive';
import { RecipientListEditorComponent } from './recipient-list-editor.component';
import { RecipientStore } from './recipient.store';

type PickerTarget = 'members' | 'acceptFrom' | 'rejectFrom' | 'sendOnBehalf' | 'forwarding';

interface AddressRow {
  address: string;
  isPrimary: boolean;
}

const GENERAL_FIELDS = [
  'firstName',
  'initials',
  'lastName',
  'displayName',
  'alias',
  'title',
  'department',
  'company',
  'office',
  'telephone',
  'mobile',
  'homePhone',
  'fax',
  'notes',
];

/** A limit box: null while its check box is off ("use the default"). */
function limit(on: boolean, value: number | null): number | null {
  return on ? (numberOrNull(value) ?? Number.NaN) : null;
}

function sameAddresses(a: readonly AddressRow[], b: readonly AddressRow[]): boolean {
  return a.length === b.length && a.every((row, i) => row.address === b[i].address && row.isPrimary === b[i].isPrimary);
}

/**
 * Recipient properties in the manner of Active Directory Users and Computers with the Exchange tabs:
 * General, E-mail Addresses, Exchange General, Exchange Features, Members (groups), Account (users).
 */
@Component({
  selector: 'est-recipient-sheet',
  imports: [
    DatePipe,
    ErrorBannerComponent,
    FieldErrorComponent,
    PropertySheetComponent,
    ReactiveFormsModule,
    RecipientListEditorComponent,
    RecipientPickerComponent,
    SheetTabDirective,
  ],
  providers: [RecipientStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-property-sheet
      [heading]="(recipient.value()?.displayName || recipient.value()?.alias || 'Recipient') + ' Properties'"
      [icon]="icon()"
      width="640px"
      panelHeight="560px"
      [problem]="recipient.problem()"
      [loading]="recipient.loading()"
      [busy]="recipient.busy()"
      [dirty]="dirty()"
      (ok)="ok()"
      (cancel)="close()"
      (apply)="apply()"
    >
      <ng-template estSheetTab="General" [fields]="generalFields">
        @if (recipient.value(); as r) {
          <div class="form-grid" [formGroup]="form">
            <span>Type:</span>
            <span class="readonly-value">{{ kindLabel(r) }}</span>
            @if (r.kind === 'user' || r.kind === 'contact') {
              <label for="rcp-first">First name:</label>
              <div class="field">
                <input id="rcp-first" type="text" formControlName="firstName" />
                <est-field-error [problem]="recipient.problem()" field="firstName" />
              </div>
              <label for="rcp-initials">Initials:</label>
              <div class="field">
                <input id="rcp-initials" class="narrow" type="text" formControlName="initials" />
                <est-field-error [problem]="recipient.problem()" field="initials" />
              </div>
              <label for="rcp-last">Last name:</label>
              <div class="field">
                <input id="rcp-last" type="text" formControlName="lastName" />
                <est-field-error [problem]="recipient.problem()" field="lastName" />
              </div>
            }
            <label for="rcp-display">Display name:</label>
            <div class="field">
              <input id="rcp-display" type="text" formControlName="displayName" />
              <est-field-error [problem]="recipient.problem()" field="displayName" />
            </div>
            <label for="rcp-alias">Alias:</label>
            <div class="field">
              <input id="rcp-alias" type="text" spellcheck="false" formControlName="alias" />
              <est-field-error [problem]="recipient.problem()" field="alias" />
            </div>
            @if (r.kind === 'user' || r.kind === 'contact') {
              <h3 class="group-title">Organization</h3>
              <label for="rcp-title">Title:</label>
              <div class="field">
                <input id="rcp-title" type="text" formControlName="title" />
                <est-field-error [problem]="recipient.problem()" field="title" />
              </div>
              <label for="rcp-department">Department:</label>
              <div class="field">
                <input id="rcp-department" type="text" formControlName="department" />
                <est-field-error [problem]="recipient.problem()" field="department" />
              </div>
              <label for="rcp-company">Company:</label>
              <div class="field">
                <input id="rcp-company" type="text" formControlName="company" />
                <est-field-error [problem]="recipient.problem()" field="company" />
              </div>
              <label for="rcp-office">Office:</label>
              <div class="field">
                <input id="rcp-office" type="text" formControlName="office" />
                <est-field-error [problem]="recipient.problem()" field="office" />
              </div>
              <h3 class="group-title">Telephones</h3>
              <label for="rcp-phone">Business:</label>
              <div class="field">
                <input id="rcp-phone" type="text" formControlName="telephone" />
                <est-field-error [problem]="recipient.problem()" field="telephone" />
              </div>
              <label for="rcp-mobile">Mobile:</label>
              <div class="field">
                <input id="rcp-mobile" type="text" formControlName="mobile" />
                <est-field-error [problem]="recipient.problem()" field="mobile" />
              </div>
              <label for="rcp-home">Home:</label>
              <div class="field">
                <input id="rcp-home" type="text" formControlName="homePhone" />
                <est-field-error [problem]="recipient.problem()" field="homePhone" />
              </div>
              <label for="rcp-fax">Fax:</label>
              <div class="field">
                <input id="rcp-fax" type="text" formControlName="fax" />
                <est-field-error [problem]="recipient.problem()" field="fax" />
              </div>
            }
            @if (r.kind === 'group') {
              <label for="rcp-grouptype">Group type:</label>
              <div class="field">
                <select id="rcp-grouptype" class="narrow" formControlName="groupType">
                  <option value="distribution">Distribution</option>
                  <option value="security">Security</option>
                </select>
                <est-field-error [problem]="recipient.problem()" field="groupType" />
              </div>
            }
            <label for="rcp-notes">Notes:</label>
            <div class="field">
              <textarea id="rcp-notes" rows="3" formControlName="notes"></textarea>
              <est-field-error [problem]="recipient.problem()" field="notes" />
            </div>
          </div>
        }
      </ng-template>

      <ng-template estSheetTab="E-mail Addresses" [fields]="['emailAddresses', 'addressesFromPolicy']">
        <div [formGroup]="form">
          <p class="hint">Each recipient has one primary SMTP address (the reply address) and any number of proxies.</p>
          <table class="mini-table" aria-label="E-mail addresses">
            <thead>
              <tr>
                <th style="width: 70px">Type</th>
                <th>Address</th>
                <th style="width: 80px">Primary</th>
              </tr>
            </thead>
            <tbody>
              @for (row of addresses(); track row.address) {
                <tr [class.selected]="row.address === selectedAddress()" (click)="selectedAddress.set(row.address)">
                  <td>SMTP</td>
                  <td [style.font-weight]="row.isPrimary ? 'bold' : null">{{ row.address }}</td>
                  <td>{{ row.isPrimary ? 'Primary' : '' }}</td>
                </tr>
              } @empty {
                <tr>
                  <td class="empty" colspan="3">No e-mail addresses.</td>
                </tr>
              }
            </tbody>
          </table>
          <est-field-error [problem]="recipient.problem()" field="emailAddresses" />
          <div class="row-actions">
            <button type="button" class="btn btn-small" (click)="addAddress()">New…</button>
            <button type="button" class="btn btn-small" [disabled]="!canRemoveAddress()" (click)="removeAddress()">
              Remove
            </button>
            <button type="button" class="btn btn-small" [disabled]="!canSetPrimary()" (click)="setPrimary()">
              Set as Primary
            </button>
          </div>
          <label class="check" style="margin-top: 12px">
            <input type="checkbox" formControlName="addressesFromPolicy" />
            Automatically update e-mail addresses based on recipient policy
          </label>
          <est-field-error [problem]="recipient.problem()" field="addressesFromPolicy" />
        </div>
      </ng-template>

      <ng-template estSheetTab="Exchange General" [fields]="exchangeGeneralFields">
        @if (recipient.value(); as r) {
          <div [formGroup]="form">
            <div class="form-grid">
              @if (r.kind === 'user' && r.mailboxStoreId) {
                <label for="rcp-store">Mailbox store:</label>
                <div class="field">
                  <select id="rcp-store" formControlName="mailboxStoreId">
                    @for (s of mailboxStoreChoices(); track s.id) {
                      <option [value]="s.id">{{ s.label }}</option>
                    }
                  </select>
                  <est-field-error [problem]="recipient.problem()" field="mailboxStoreId" />
                  <span class="hint">Choosing another store moves the mailbox.</span>
                </div>
              }
              @if (r.kind === 'contact' || (r.kind === 'user' && !r.mailboxStoreId)) {
                <label for="rcp-target">External e-mail address:</label>
                <div class="field">
                  <input id="rcp-target" type="text" formControlName="targetAddress" />
                  <est-field-error [problem]="recipient.problem()" field="targetAddress" />
                </div>
              }
              <span></span>
              <label class="check">
                <input type="checkbox" formControlName="hiddenFromAddressLists" /> Hide from Exchange address lists
              </label>
            </div>

            <fieldset class="group-box" style="margin-top: 12px">
              <legend>Delivery restrictions</legend>
              <div class="form-grid">
                <label class="check"
                  ><input type="checkbox" formControlName="maxSendOn" /> Sending message size, maximum (KB):</label
                >
                <div class="field">
                  <input
                    id="rcp-maxsend"
                    class="narrow"
                    type="number"
                    min="1"
                    aria-label="Maximum sending message size (KB)"
                    formControlName="maxSendSizeKb"
                  />
                  <est-field-error [problem]="recipient.problem()" field="limits.maxSendSizeKb" />
                </div>
                <label class="check"
                  ><input type="checkbox" formControlName="maxReceiveOn" /> Receiving message size, maximum (KB):</label
                >
                <div class="field">
                  <input
                    id="rcp-maxreceive"
                    class="narrow"
                    type="number"
                    min="1"
                    aria-label="Maximum receiving message size (KB)"
                    formControlName="maxReceiveSizeKb"
                  />
                  <est-field-error [problem]="recipient.problem()" field="limits.maxReceiveSizeKb" />
                </div>
                <span></span>
                <label class="check">
                  <input type="checkbox" formControlName="requireAuthenticatedSenders" /> Accept messages from
                  authenticated users only
                </label>
                <span>Accept messages only from:</span>
                <div class="field">
                  <est-recipient-list-editor
                    label="Accept messages only from"
                    emptyText="Everyone"
                    [ids]="acceptFrom()"
                    [names]="store.names()"
                    (add)="picker.set('acceptFrom')"
                    (remove)="removeId(acceptFrom, $event)"
                  />
                  <est-field-error [problem]="recipient.problem()" field="restrictions.acceptFromIds" />
                </div>
                <span>Reject messages from:</span>
                <div class="field">
                  <est-recipient-list-editor
                    label="Reject messages from"
                    emptyText="No one"
                    [ids]="rejectFrom()"
                    [names]="store.names()"
                    (add)="picker.set('rejectFrom')"
                    (remove)="removeId(rejectFrom, $event)"
                  />
                  <est-field-error [problem]="recipient.problem()" field="restrictions.rejectFromIds" />
                </div>
              </div>
            </fieldset>

            @if (r.kind === 'user') {
              <fieldset class="group-box">
                <legend>Delivery options</legend>
                <div class="form-grid">
                  <span>Send on behalf:</span>
                  <est-recipient-list-editor
                    label="Send on behalf"
                    emptyText="No one"
                    [ids]="sendOnBehalf()"
                    [names]="store.names()"
                    (add)="picker.set('sendOnBehalf')"
                    (remove)="removeId(sendOnBehalf, $event)"
                  />
                  <span>Forwarding address:</span>
                  <div class="field">
                    <div class="field-row">
                      <input
                        type="text"
                        readonly
                        aria-label="Forwarding address"
                        [value]="forwardingName()"
                        placeholder="None"
                      />
                      <button type="button" class="btn btn-small" (click)="picker.set('forwarding')">Modify…</button>
                      <button
                        type="button"
                        class="btn btn-small"
                        [disabled]="!forwardingId()"
                        (click)="forwardingId.set(null)"
                      >
                        Clear
                      </button>
                    </div>
                    <est-field-error [problem]="recipient.problem()" field="deliveryOptions.forwardingRecipientId" />
                    <label class="check">
                      <input type="checkbox" formControlName="deliverAndForward" /> Deliver messages to both forwarding
                      address and mailbox
                    </label>
                  </div>
                  <label class="check"
                    ><input type="checkbox" formControlName="maxRecipientsOn" /> Recipient limit, maximum:</label
                  >
                  <div class="field">
                    <input
                      id="rcp-maxrcpt"
                      class="narrow"
                      type="number"
                      min="1"
                      aria-label="Maximum recipients"
                      formControlName="maxRecipients"
                    />
                    <est-field-error [problem]="recipient.problem()" field="limits.maxRecipients" />
                  </div>
                </div>
              </fieldset>

              @if (r.mailboxStoreId) {
                <fieldset class="group-box">
                  <legend>Storage limits</legend>
                  <label class="check"
                    ><input type="checkbox" formControlName="useStoreDefaults" /> Use mailbox store defaults</label
                  >
                  <div class="form-grid" style="margin-top: 6px">
                    <label class="check"
                      ><input type="checkbox" formControlName="issueWarningOn" /> Issue warning at (KB):</label
                    >
                    <div class="field">
                      <input
                        id="rcp-warn"
                        class="narrow"
                        type="number"
                        min="0"
                        aria-label="Issue warning at (KB)"
                        formControlName="issueWarningKb"
                      />
                      <est-field-error [problem]="recipient.problem()" field="limits.issueWarningKb" />
                    </div>
                    <label class="check"
                      ><input type="checkbox" formControlName="prohibitSendOn" /> Prohibit send at (KB):</label
                    >
                    <div class="field">
                      <input
                        id="rcp-prohibit"
                        class="narrow"
                        type="number"
                        min="0"
                        aria-label="Prohibit send at (KB)"
                        formControlName="prohibitSendKb"
                      />
                      <est-field-error [problem]="recipient.problem()" field="limits.prohibitSendKb" />
                    </div>
                    <label class="check">
                      <input type="checkbox" formControlName="prohibitSendReceiveOn" /> Prohibit send and receive at
                      (KB):
                    </label>
                    <div class="field">
                      <input
                        id="rcp-prohibit2"
                        class="narrow"
                        type="number"
                        min="0"
                        aria-label="Prohibit send and receive at (KB)"
                        formControlName="prohibitSendReceiveKb"
                      />
                      <est-field-error [problem]="recipient.problem()" field="limits.prohibitSendReceiveKb" />
                    </div>
                  </div>
                  <est-field-error [problem]="recipient.problem()" field="limits.useStoreDefaults" />
                </fieldset>
              }
            }
          </div>
        }
      </ng-template>

      @if (recipient.value()?.kind === 'user') {
        <ng-template estSheetTab="Exchange Features" [fields]="['protocols']">
          <div [formGroup]="form">
            <fieldset class="group-box">
              <legend>Protocols</legend>
              <div class="checks">
                <label class="check"
                  ><input type="checkbox" formControlName="owaEnabled" /> Outlook Web Access (webmail)</label
                >
                <label class="check"><input type="checkbox" formControlName="pop3Enabled" /> POP3</label>
                <label class="check"><input type="checkbox" formControlName="imap4Enabled" /> IMAP4</label>
                <label class="check"><input type="checkbox" formControlName="nntpEnabled" /> NNTP (newsgroups)</label>
              </div>
            </fieldset>
            <p class="hint">
              A protocol that is disabled here refuses this user's sign-in even when its virtual server runs.
            </p>
          </div>
        </ng-template>
      }

      @if (recipient.value()?.kind === 'user' && recipient.value()?.mailboxStoreId) {
        <ng-template estSheetTab="Mailbox">
          @if (store.statsProblem(); as p) {
            <est-error-banner [problem]="p" />
          }
          @if (store.stats(); as st) {
            <div class="form-grid">
              <span>Mailbox store:</span>
              <span class="readonly-value"
                >{{ st.store?.name ?? 'None' }}{{ st.store && !st.store.mounted ? ' (dismounted)' : '' }}</span
              >
              <span>Total items:</span>
              <span class="readonly-value" data-testid="mailbox-items">{{ st.totalItems }}</span>
              <span>Total size:</span>
              <span class="readonly-value">{{ size(st.totalBytes) }}</span>
              <span>Storage limits:</span>
              <span class="readonly-value">{{ quotaLabel(st.quotaState) }}</span>
              <span>Last logon:</span>
              <span class="readonly-value">{{ st.lastLogonAt ? (st.lastLogonAt | date: 'medium') : 'Never' }}</span>
            </div>
            @if (!st.mailboxExists) {
              <p class="info-banner">The mailbox is created by its first delivery or logon.</p>
            } @else {
              <table class="mini-table" aria-label="Mailbox folders" style="margin-top: 12px">
                <thead>
                  <tr>
                    <th>Folder</th>
                    <th style="width: 18%">Items</th>
                    <th style="width: 22%">Size</th>
                  </tr>
                </thead>
                <tbody>
                  @for (f of st.folders; track f.name) {
                    <tr>
                      <td>{{ f.name }}</td>
                      <td>{{ f.itemCount }}</td>
                      <td>{{ size(f.sizeBytes) }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            }
          } @else if (!store.statsProblem()) {
            <p class="loading-text">Loading…</p>
          }
        </ng-template>
      }

      @if (recipient.value()?.kind === 'group' || recipient.value()?.kind === 'query-group') {
        <ng-template estSheetTab="Members" [fields]="['memberIds']">
          @if (recipient.value(); as r) {
            @if (r.kind === 'group') {
              <est-recipient-list-editor
                label="Members"
                emptyText="This group has no members."
                [ids]="members()"
                [names]="store.names()"
                (add)="picker.set('members')"
                (remove)="removeId(members, $event)"
              />
              <est-field-error [problem]="recipient.problem()" field="memberIds" />
            } @else {
              <p>Members are the recipients that match this filter when a message is sent:</p>
              <p class="info-banner">{{ queryFilterText() }}</p>
            }
          }
        </ng-template>
      }

      <ng-template estSheetTab="Member Of">
        @if (store.memberOf(); as groups) {
          @if (groups.length === 0) {
            <p>This recipient is not a member of any distribution group.</p>
          } @else {
            <table class="mini-table" aria-label="Member of">
              <thead>
                <tr>
                  <th>Name</th>
                  <th style="width: 40%">E-mail address</th>
                </tr>
              </thead>
              <tbody>
                @for (g of groups; track g.id) {
                  <tr>
                    <td>{{ g.displayName }}</td>
                    <td>{{ g.primarySmtpAddress }}</td>
                  </tr>
                }
              </tbody>
            </table>
          }
        } @else {
          <p class="loading-text">Loading…</p>
        }
      </ng-template>

      @if (recipient.value()?.kind === 'user') {
        <ng-template estSheetTab="Account" [fields]="['accountDisabled']">
          <div [formGroup]="form">
            <label class="check"><input type="checkbox" formControlName="accountDisabled" /> Account is disabled</label>
            <fieldset class="group-box" style="margin-top: 12px">
              <legend>Reset password</legend>
              @if (store.passwordProblem(); as p) {
                <est-error-banner [problem]="p" />
              }
              @if (store.passwordSet()) {
                <p class="success-banner">The password was changed.</p>
              }
              <div class="form-grid">
                <label for="rcp-newpw">New password:</label>
                <div class="field">
                  <input
                    id="rcp-newpw"
                    type="password"
                    autocomplete="new-password"
                    [value]="newPassword()"
                    (input)="newPassword.set(text($event))"
                  />
                  <est-field-error [problem]="store.passwordProblem()" field="password" />
                </div>
                <label for="rcp-newpw2">Confirm password:</label>
                <div class="field">
                  <input
                    id="rcp-newpw2"
                    type="password"
                    autocomplete="new-password"
                    [value]="confirmPassword()"
                    (input)="confirmPassword.set(text($event))"
                  />
                  @if (confirmPassword() && confirmPassword() !== newPassword()) {
                    <span class="field-error">The passwords do not match.</span>
                  }
                </div>
                <span></span>
                <div>
                  <button
                    type="button"
                    class="btn"
                    [disabled]="!newPassword() || newPassword() !== confirmPassword()"
                    (click)="resetPassword()"
                  >
                    Reset Password
                  </button>
                </div>
              </div>
            </fieldset>
          </div>
        </ng-template>
      }
    </est-property-sheet>

    @if (picker(); as target) {
      <est-recipient-picker
        [heading]="pickerHeading(target)"
        [search]="search"
        [exclude]="pickerExclude(target)"
        (picked)="onPicked(target, $event)"
        (closed)="picker.set(null)"
      />
    }
  `,
})
export class RecipientSheet implements OnInit {
  readonly id = input.required<string>();
  protected readonly store = inject(RecipientStore);
  private readonly sheets = inject(SheetNavigator);
  private readonly dialogs = inject(DialogService);
  protected readonly recipient = this.store.recipient;
  protected readonly generalFields = [...GENERAL_FIELDS, 'groupType'];
  protected readonly exchangeGeneralFields = [
    'mailboxStoreId',
    'targetAddress',
    'hiddenFromAddressLists',
    'limits',
    'restrictions',
    'deliveryOptions',
  ];

  protected readonly form = inject(FormBuilder).nonNullable.group({
    firstName: '',
    initials: '',
    lastName: '',
    displayName: '',
    alias: '',
    title: '',
    department: '',
    company: '',
    office: '',
    telephone: '',
    mobile: '',
    homePhone: '',
    fax: '',
    notes: '',
    groupType: 'distribution',
    addressesFromPolicy: true,
    mailboxStoreId: '',
    targetAddress: '',
    hiddenFromAddressLists: false,
    accountDisabled: false,
    maxSendOn: false,
    maxSendSizeKb: null as number | null,
    maxReceiveOn: false,
    maxReceiveSizeKb: null as number | null,
    maxRecipientsOn: false,
    maxRecipients: null as number | null,
    requireAuthenticatedSenders: false,
    deliverAndForward: false,
    useStoreDefaults: true,
    issueWarningOn: false,
    issueWarningKb: null as number | null,
    prohibitSendOn: false,
    prohibitSendKb: null as number | null,
    prohibitSendReceiveOn: false,
    prohibitSendReceiveKb: null as number | null,
    owaEnabled: true,
    pop3Enabled: false,
    imap4Enabled: false,
    nntpEnabled: false,
  });
  private readonly formValue = toSignal(this.form.valueChanges);

  protected readonly addresses = signal<AddressRow[]>([]);
  protected readonly selectedAddress = signal<string | null>(null);
  protected readonly members = signal<string[]>([]);
  protected readonly acceptFrom = signal<string[]>([]);
  protected readonly rejectFrom = signal<string[]>([]);
  protected readonly sendOnBehalf = signal<string[]>([]);
  protected readonly forwardingId = signal<string | null>(null);
  protected readonly picker = signal<PickerTarget | null>(null);
  protected readonly search = (term: string) => this.store.search(term);
  protected readonly newPassword = signal('');
  protected readonly confirmPassword = signal('');

  protected readonly icon = computed(() => {
    const r = this.recipient.value();
    return r ? recipientIcon(r.kind) : 'user';
  });

  protected readonly mailboxStoreChoices = computed(() => {
    const serverName = new Map(this.store.servers().map((s) => [s.id, s.name]));
    return this.store.mailboxStores().map((s) => ({
      id: s.id,
      label: `${serverName.get(s.serverId) ?? 'Server'} / ${s.name}${s.mounted ? '' : ' (dismounted)'}`,
    }));
  });

  protected readonly forwardingName = computed(() => {
    const id = this.forwardingId();
    if (!id) return '';
    const r = this.store.names().get(id);
    return r ? `${r.displayName || r.alias}${r.primarySmtpAddress ? ` <${r.primarySmtpAddress}>` : ''}` : id;
  });

  protected readonly queryFilterText = computed(() => {
    const filter = this.recipient.value()?.queryFilter;
    return filter ? describeFilter(filter) : 'No filter';
  });

  protected readonly canRemoveAddress = computed(() => {
    const row = this.addresses().find((a) => a.address === this.selectedAddress());
    return row !== undefined && !row.isPrimary;
  });

  protected readonly canSetPrimary = computed(() => {
    const row = this.addresses().find((a) => a.address === this.selectedAddress());
    return row !== undefined && !row.isPrimary;
  });

  protected readonly dirty = computed(() => {
    this.formValue();
    this.addresses();
    this.members();
    this.acceptFrom();
    this.rejectFrom();
    this.sendOnBehalf();
    this.forwardingId();
    const original = this.recipient.value();
    return (
      original !== null && (Object.keys(this.pending(original)).length > 0 || this.memberChange(original) !== null)
    );
  });

  constructor() {
    const toggles: Array<[string, string]> = [
      ['maxSendOn', 'maxSendSizeKb'],
      ['maxReceiveOn', 'maxReceiveSizeKb'],
      ['maxRecipientsOn', 'maxRecipients'],
      ['issueWarningOn', 'issueWarningKb'],
      ['prohibitSendOn', 'prohibitSendKb'],
      ['prohibitSendReceiveOn', 'prohibitSendReceiveKb'],
    ];
    const controls = this.form.controls as unknown as Record<string, AbstractControl>;
    const sync = () => {
      const defaults = this.form.controls.useStoreDefaults.value;
      for (const [toggle, field] of toggles) {
        const quota = field === 'issueWarningKb' || field === 'prohibitSendKb' || field === 'prohibitSendReceiveKb';
        const toggleControl = controls[toggle];
        if (quota && defaults) toggleControl.disable({ emitEvent: false });
        else toggleControl.enable({ emitEvent: false });
        const on = toggleControl.value === true && toggleControl.enabled;
        if (on) controls[field].enable({ emitEvent: false });
        else controls[field].disable({ emitEvent: false });
      }
    };
    this.form.valueChanges.subscribe(sync);
    sync();
  }

  ngOnInit(): void {
    void this.store.load(this.id()).then((r) => {
      if (!r) return;
      this.reset(r);
      if (r.kind === 'user' && r.mailboxStoreId) void this.store.loadStats(r.id);
    });
  }

  protected size(bytes: number): string {
    if (bytes < 1024) return `${bytes} bytes`;
    return `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
  }

  protected quotaLabel(state: string): string {
    switch (state) {
      case 'warning':
        return 'Over the warning limit';
      case 'prohibit-send':
        return 'Over the limit: cannot send';
      case 'prohibit-send-receive':
        return 'Over the limit: cannot send or receive';
      default:
        return 'Below the limits';
    }
  }

  protected kindLabel(r: RecipientDto): string {
    return r.kind === 'user' && !r.mailboxStoreId
      ? 'Mail-enabled user'
      : r.kind === 'user'
        ? 'Mailbox user'
        : recipientKindLabel(r.kind);
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  private reset(r: RecipientDto): void {
    const l = r.limits;
    this.form.setValue({
      firstName: r.firstName,
      initials: r.initials,
      lastName: r.lastName,
      displayName: r.displayName,
      alias: r.alias,
      title: r.title,
      department: r.department,
      company: r.company,
      office: r.office,
      telephone: r.telephone,
      mobile: r.mobile,
      homePhone: r.homePhone,
      fax: r.fax,
      notes: r.notes,
      groupType: r.groupType ?? 'distribution',
      addressesFromPolicy: r.addressesFromPolicy,
      mailboxStoreId: r.mailboxStoreId ?? '',
      targetAddress: r.targetAddress ?? '',
      hiddenFromAddressLists: r.hiddenFromAddressLists,
      accountDisabled: r.accountDisabled,
      maxSendOn: l.maxSendSizeKb !== null,
      maxSendSizeKb: l.maxSendSizeKb,
      maxReceiveOn: l.maxReceiveSizeKb !== null,
      maxReceiveSizeKb: l.maxReceiveSizeKb,
      maxRecipientsOn: l.maxRecipients !== null,
      maxRecipients: l.maxRecipients,
      requireAuthenticatedSenders: r.restrictions.requireAuthenticatedSenders,
      deliverAndForward: r.deliveryOptions.deliverAndForward,
      useStoreDefaults: l.useStoreDefaults,
      issueWarningOn: l.issueWarningKb !== null,
      issueWarningKb: l.issueWarningKb,
      prohibitSendOn: l.prohibitSendKb !== null,
      prohibitSendKb: l.prohibitSendKb,
      prohibitSendReceiveOn: l.prohibitSendReceiveKb !== null,
      prohibitSendReceiveKb: l.prohibitSendReceiveKb,
      owaEnabled: r.protocols.owaEnabled,
      pop3Enabled: r.protocols.pop3Enabled,
      imap4Enabled: r.protocols.imap4Enabled,
      nntpEnabled: r.protocols.nntpEnabled,
    });
    this.addresses.set(r.emailAddresses.map(({ address, isPrimary }) => ({ address, isPrimary })));
    this.members.set([...r.memberIds]);
    this.acceptFrom.set([...r.restrictions.acceptFromIds]);
    this.rejectFrom.set([...r.restrictions.rejectFromIds]);
    this.sendOnBehalf.set([...r.deliveryOptions.sendOnBehalfIds]);
    this.forwardingId.set(r.deliveryOptions.forwardingRecipientId);
  }

  /** The PATCH body: only what changed. Group members travel separately (PUT …/members). */
  private pending(original: RecipientDto): UpdateRecipientRequest {
    const v = this.form.getRawValue();
    const isUser = original.kind === 'user';
    const isPerson = isUser || original.kind === 'contact';
    const scalar: Partial<RecipientDto> = {
      displayName: v.displayName.trim(),
      alias: v.alias.trim(),
      notes: v.notes,
      hiddenFromAddressLists: v.hiddenFromAddressLists,
      addressesFromPolicy: v.addressesFromPolicy,
    };
    if (isPerson) {
      Object.assign(scalar, {
        firstName: v.firstName.trim(),
        initials: v.initials.trim(),
        lastName: v.lastName.trim(),
        title: v.title.trim(),
        department: v.department.trim(),
        company: v.company.trim(),
        office: v.office.trim(),
        telephone: v.telephone.trim(),
        mobile: v.mobile.trim(),
        homePhone: v.homePhone.trim(),
        fax: v.fax.trim(),
      });
    }
    if (original.kind === 'group') scalar.groupType = v.groupType === 'security' ? 'security' : 'distribution';
    if (isUser) scalar.accountDisabled = v.accountDisabled;
    if (isUser && original.mailboxStoreId) scalar.mailboxStoreId = v.mailboxStoreId || null;
    if (original.kind === 'contact' || (isUser && !original.mailboxStoreId)) {
      scalar.targetAddress = v.targetAddress.trim() || null;
    }
    const request: UpdateRecipientRequest = { ...changes(original, scalar) } as UpdateRecipientRequest;

    const originalAddresses = original.emailAddresses.map(({ address, isPrimary }) => ({ address, isPrimary }));
    if (!sameAddresses(originalAddresses, this.addresses())) request.emailAddresses = this.addresses();

    const limits = changes<RecipientLimitsDto>(original.limits, {
      useStoreDefaults: v.useStoreDefaults,
      maxSendSizeKb: limit(v.maxSendOn, v.maxSendSizeKb),
      maxReceiveSizeKb: limit(v.maxReceiveOn, v.maxReceiveSizeKb),
      ...(isUser ? { maxRecipients: limit(v.maxRecipientsOn, v.maxRecipients) } : {}),
      ...(isUser && original.mailboxStoreId && !v.useStoreDefaults
        ? {
            issueWarningKb: limit(v.issueWarningOn, v.issueWarningKb),
            prohibitSendKb: limit(v.prohibitSendOn, v.prohibitSendKb),
            prohibitSendReceiveKb: limit(v.prohibitSendReceiveOn, v.prohibitSendReceiveKb),
          }
        : {}),
    });
    if (Object.keys(limits).length > 0) request.limits = limits;

    const restrictions = changes<DeliveryRestrictionsDto>(original.restrictions, {
      requireAuthenticatedSenders: v.requireAuthenticatedSenders,
      acceptFromIds: this.acceptFrom(),
      rejectFromIds: this.rejectFrom(),
    });
    if (Object.keys(restrictions).length > 0) request.restrictions = restrictions;

    if (isUser) {
      const delivery = changes<DeliveryOptionsDto>(original.deliveryOptions, {
        forwardingRecipientId: this.forwardingId(),
        deliverAndForward: v.deliverAndForward,
        sendOnBehalfIds: this.sendOnBehalf(),
      });
      if (Object.keys(delivery).length > 0) request.deliveryOptions = delivery;
      const protocols = changes<ProtocolSettingsDto>(original.protocols, {
        owaEnabled: v.owaEnabled,
        pop3Enabled: v.pop3Enabled,
        imap4Enabled: v.imap4Enabled,
        nntpEnabled: v.nntpEnabled,
      });
      if (Object.keys(protocols).length > 0) request.protocols = protocols;
    }
    return request;
  }

  private memberChange(original: RecipientDto): string[] | null {
    if (original.kind !== 'group') return null;
    const now = this.members();
    const same = now.length === original.memberIds.length && now.every((id, i) => id === original.memberIds[i]);
    return same ? null : now;
  }

  protected async addAddress(): Promise<void> {
    const address = await this.dialogs.prompt({ title: 'New SMTP Address', label: 'E-mail address:' });
    if (!address) return;
    const trimmed = address.trim();
    if (this.addresses().some((a) => a.address.toLowerCase() === trimmed.toLowerCase())) return;
    this.addresses.update((rows) => [...rows, { address: trimmed, isPrimary: rows.length === 0 }]);
    this.selectedAddress.set(trimmed);
    // Hand-edited addresses are no longer generated by policy (the API does the same).
    this.form.controls.addressesFromPolicy.setValue(false);
  }

  protected removeAddress(): void {
    const selected = this.selectedAddress();
    this.addresses.update((rows) => rows.filter((a) => a.address !== selected || a.isPrimary));
    this.selectedAddress.set(null);
    this.form.controls.addressesFromPolicy.setValue(false);
  }

  protected setPrimary(): void {
    const selected = this.selectedAddress();
    this.addresses.update((rows) => rows.map((a) => ({ ...a, isPrimary: a.address === selected })));
    this.form.controls.addressesFromPolicy.setValue(false);
  }

  protected removeId(list: WritableSignal<string[]>, id: string): void {
    list.update((ids) => ids.filter((x) => x !== id));
  }

  protected pickerHeading(target: PickerTarget): string {
    switch (target) {
      case 'members':
        return 'Add Members';
      case 'acceptFrom':
        return 'Accept Messages From';
      case 'rejectFrom':
        return 'Reject Messages From';
      case 'sendOnBehalf':
        return 'Grant Send on Behalf';
      case 'forwarding':
        return 'Forward To';
    }
  }

  protected pickerExclude(target: PickerTarget): string[] {
    const self = this.recipient.value()?.id;
    const current = {
      members: this.members(),
      acceptFrom: this.acceptFrom(),
      rejectFrom: this.rejectFrom(),
      sendOnBehalf: this.sendOnBehalf(),
      forwarding: [],
    }[target];
    return self ? [self, ...current] : current;
  }

  protected onPicked(target: PickerTarget, picked: RecipientSummaryDto): void {
    this.store.remember([picked]);
    const add = (list: WritableSignal<string[]>) =>
      list.update((ids) => (ids.includes(picked.id) ? ids : [...ids, picked.id]));
    switch (target) {
      case 'members':
        add(this.members);
        break;
      case 'acceptFrom':
        add(this.acceptFrom);
        break;
      case 'rejectFrom':
        add(this.rejectFrom);
        break;
      case 'sendOnBehalf':
        add(this.sendOnBehalf);
        break;
      case 'forwarding':
        this.forwardingId.set(picked.id);
        break;
    }
    this.picker.set(null);
  }

  protected async resetPassword(): Promise<void> {
    const r = this.recipient.value();
    if (!r) return;
    if (await this.store.setPassword(r.id, this.newPassword())) {
      this.newPassword.set('');
      this.confirmPassword.set('');
    }
  }

  protected async apply(): Promise<boolean> {
    const original = this.recipient.value();
    if (!original) return false;
    const pending = this.pending(original);
    const members = this.memberChange(original);
    if (Object.keys(pending).length === 0 && members === null) return true;
    const saved = await this.store.save(original.id, pending, members);
    const r = this.recipient.value();
    if (saved && r) {
      await this.store.resolveNames(r.memberIds);
      this.reset(r);
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
