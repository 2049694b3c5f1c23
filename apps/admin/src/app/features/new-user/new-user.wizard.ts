import {
  ChangeDetectionStrategy,
  Component,
  type OnInit,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { fieldError } from '../../core/api/api-problem';
import { SheetNavigator } from '../../core/navigation/sheet-navigator';
import { DialogComponent } from '../../shared/ui/dialog.component';
import { ErrorBannerComponent } from '../../shared/ui/error-banner.component';
import { FieldErrorComponent } from '../../shared/ui/field-error.component';
import { aliasFrom, displayNameFrom } from './new-user-names';
import { NewUserStore } from './new-user.store';

const STEPS = ['Name', 'Password', 'Mailbox', 'Finish'] as const;
const STEP_FIELDS: ReadonlyArray<readonly string[]> = [
  ['firstName', 'initials', 'lastName', 'displayName', 'alias', 'containerId'],
  ['password'],
  ['mailboxStoreId'],
];

/** New User wizard: name, password, mailbox store, then a summary and Finish. */
@Component({
  selector: 'est-new-user-wizard',
  imports: [DialogComponent, ErrorBannerComponent, FieldErrorComponent],
  providers: [NewUserStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-dialog heading="New Object - User" icon="user" width="620px" (closed)="cancel()">
      <div class="dialog-body wizard" data-testid="new-user-wizard">
        <aside class="wizard-side">
          <strong>New User</strong>
          <ol>
            @for (s of steps; track s; let i = $index) {
              <li [class.current]="i === step()">{{ s }}</li>
            }
          </ol>
        </aside>
        <section class="wizard-main" (keydown.enter)="onEnter($event)">
          <p class="hint">Create in: {{ store.container()?.name ?? 'the default container' }}</p>
          @if (bannerProblem(); as p) {
            <est-error-banner [problem]="p" />
          }
          @switch (step()) {
            @case (0) {
              <h3>Who is the new user?</h3>
              <div class="form-grid">
                <label for="nu-first">First name:</label>
                <div class="field">
                  <input
                    id="nu-first"
                    type="text"
                    autocomplete="off"
                    [value]="firstName()"
                    (input)="setFirst($event)"
                  />
                  <est-field-error [problem]="store.problem()" field="firstName" />
                </div>
                <label for="nu-initials">Initials:</label>
                <div class="field">
                  <input
                    id="nu-initials"
                    class="narrow"
                    type="text"
                    maxlength="6"
                    [value]="initials()"
                    (input)="setInitials($event)"
                  />
                  <est-field-error [problem]="store.problem()" field="initials" />
                </div>
                <label for="nu-last">Last name:</label>
                <div class="field">
                  <input id="nu-last" type="text" autocomplete="off" [value]="lastName()" (input)="setLast($event)" />
                  <est-field-error [problem]="store.problem()" field="lastName" />
                </div>
                <label for="nu-display">Display name:</label>
                <div class="field">
                  <input id="nu-display" type="text" [value]="displayName()" (input)="setDisplay($event)" />
                  <est-field-error [problem]="store.problem()" field="displayName" />
                </div>
                <label for="nu-alias">Alias (logon name):</label>
                <div class="field">
                  <input id="nu-alias" type="text" spellcheck="false" [value]="alias()" (input)="setAlias($event)" />
                  <est-field-error [problem]="store.problem()" field="alias" />
                </div>
              </div>
            }
            @case (1) {
              <h3>Password</h3>
              <div class="form-grid">
                <label for="nu-password">Password:</label>
                <div class="field">
                  <input
                    id="nu-password"
                    type="password"
                    autocomplete="new-password"
                    [value]="password()"
                    (input)="setPassword($event)"
                  />
                  <est-field-error [problem]="store.problem()" field="password" />
                </div>
                <label for="nu-confirm">Confirm password:</label>
                <div class="field">
                  <input
                    id="nu-confirm"
                    type="password"
                    autocomplete="new-password"
                    [value]="confirm()"
                    (input)="setConfirm($event)"
                  />
                  @if (confirm() && confirm() !== password()) {
                    <span class="field-error" role="alert">The passwords do not match.</span>
                  }
                </div>
              </div>
              <p class="hint">The user signs in to webmail, IMAP4, POP3 and SMTP with the alias and this password.</p>
            }
            @case (2) {
              <h3>Create an Exchange mailbox</h3>
              <div class="form-grid">
                <label for="nu-alias2">Alias:</label>
                <input id="nu-alias2" type="text" [value]="alias()" readonly />
                <label for="nu-store">Mailbox store:</label>
                <div class="field">
                  <select
                    id="nu-store"
                    [value]="storeId()"
                    (change)="setStore($event)"
                    [disabled]="store.loadingStores()"
                  >
                    @for (choice of store.mailboxStores(); track choice.id) {
                      <option [value]="choice.id" [selected]="choice.id === storeId()">{{ choice.label }}</option>
                    }
                  </select>
                  <est-field-error [problem]="store.problem()" field="mailboxStoreId" />
                  @if (!store.loadingStores() && store.mailboxStores().length === 0) {
                    <span class="field-error">There is no mounted mailbox store. Mount one first.</span>
                  }
                </div>
              </div>
              <p class="hint">Only mounted mailbox stores are listed.</p>
            }
            @case (3) {
              <h3>When you click Finish, this user is created:</h3>
              <dl class="summary-list">
                <dt>Display name</dt>
                <dd>{{ displayName() }}</dd>
                <dt>Alias</dt>
                <dd>{{ alias() }}</dd>
                <dt>Container</dt>
                <dd>{{ store.container()?.name ?? '' }}</dd>
                <dt>Mailbox store</dt>
                <dd>{{ storeLabel() }}</dd>
              </dl>
            }
          }
        </section>
      </div>
      <footer class="dialog-buttons">
        <button type="button" class="btn" [disabled]="step() === 0 || store.busy()" (click)="back()">&lt; Back</button>
        @if (step() < steps.length - 1) {
          <button type="button" class="btn btn-primary" [disabled]="!canNext()" (click)="next()">Next &gt;</button>
        } @else {
          <button type="button" class="btn btn-primary" [disabled]="store.busy()" (click)="finish()">
            {{ store.busy() ? 'Creating…' : 'Finish' }}
          </button>
        }
        <button type="button" class="btn" (click)="cancel()">Cancel</button>
      </footer>
    </est-dialog>
  `,
})
export class NewUserWizard implements OnInit {
  /** The container the user is created in. */
  readonly id = input.required<string>();
  protected readonly store = inject(NewUserStore);
  private readonly sheets = inject(SheetNavigator);
  protected readonly steps = STEPS;
  protected readonly step = signal(0);

  protected readonly firstName = signal('');
  protected readonly initials = signal('');
  protected readonly lastName = signal('');
  private readonly displayEdited = signal<string | null>(null);
  private readonly aliasEdited = signal<string | null>(null);
  protected readonly displayName = computed(
    () => this.displayEdited() ?? displayNameFrom(this.firstName(), this.initials(), this.lastName()),
  );
  protected readonly alias = computed(() => this.aliasEdited() ?? aliasFrom(this.firstName(), this.lastName()));
  protected readonly password = signal('');
  protected readonly confirm = signal('');
  private readonly chosenStore = signal<string | null>(null);
  protected readonly storeId = computed(() => this.chosenStore() ?? this.store.mailboxStores()[0]?.id ?? '');
  protected readonly storeLabel = computed(
    () => this.store.mailboxStores().find((s) => s.id === this.storeId())?.label ?? 'Default',
  );

  /** Field errors show beside their field; the banner carries the rest. */
  protected readonly bannerProblem = computed(() => {
    const problem = this.store.problem() ?? this.store.storesProblem();
    if (!problem) return null;
    const shown = STEP_FIELDS[this.step()] ?? [];
    const own =
      Object.keys(problem.fieldErrors).length > 0 && Object.keys(problem.fieldErrors).every((f) => shown.includes(f));
    return own ? null : problem;
  });

  protected readonly canNext = computed(() => {
    switch (this.step()) {
      case 0:
        return this.alias().trim().length > 0 && this.displayName().trim().length > 0;
      case 1:
        return this.password().length > 0 && this.password() === this.confirm();
      case 2:
        return this.storeId() !== '';
      default:
        return true;
    }
  });

  constructor() {
    // A rejected value: go back to the page where it was entered.
    effect(() => {
      const problem = this.store.problem();
      if (!problem) return;
      const index = STEP_FIELDS.findIndex((fields) => fields.some((f) => fieldError(problem, f) !== null));
      if (index >= 0) this.step.set(index);
    });
  }

  ngOnInit(): void {
    void this.store.load(this.id());
  }

  private text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected setFirst(event: Event): void {
    this.firstName.set(this.text(event));
  }

  protected setInitials(event: Event): void {
    this.initials.set(this.text(event));
  }

  protected setLast(event: Event): void {
    this.lastName.set(this.text(event));
  }

  protected setDisplay(event: Event): void {
    this.displayEdited.set(this.text(event));
  }

  protected setAlias(event: Event): void {
    this.aliasEdited.set(this.text(event));
  }

  protected setPassword(event: Event): void {
    this.password.set(this.text(event));
  }

  protected setConfirm(event: Event): void {
    this.confirm.set(this.text(event));
  }

  protected setStore(event: Event): void {
    this.chosenStore.set((event.target as HTMLSelectElement).value);
  }

  protected back(): void {
    this.step.update((s) => Math.max(s - 1, 0));
  }

  protected next(): void {
    if (this.canNext()) this.step.update((s) => Math.min(s + 1, STEPS.length - 1));
  }

  protected onEnter(event: Event): void {
    if (!(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    if (this.step() < STEPS.length - 1) this.next();
    else void this.finish();
  }

  protected async finish(): Promise<void> {
    const created = await this.store.create({
      kind: 'user',
      alias: this.alias().trim(),
      displayName: this.displayName().trim(),
      firstName: this.firstName().trim(),
      lastName: this.lastName().trim(),
      ...(this.initials().trim() ? { initials: this.initials().trim() } : {}),
      password: this.password(),
      mailboxStoreId: this.storeId() || undefined,
      containerId: this.id(),
    });
    if (created) void this.sheets.close();
  }

  protected cancel(): void {
    void this.sheets.close();
  }
}
