import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { TrackingQuery } from '@estafette/contracts';
import { ErrorBannerComponent } from '../../shared/ui/error-banner.component';
import { FieldErrorComponent } from '../../shared/ui/field-error.component';
import { IconComponent } from '../../shared/ui/icon.component';
import { ListViewComponent, type ListRow } from '../../shared/ui/list-view.component';
import { MessageTrackingStore } from './message-tracking.store';

/** Message Tracking Center: find messages by sender, recipient, Message-ID and time, and see each one's history. */
@Component({
  selector: 'est-message-tracking-view',
  imports: [DatePipe, ErrorBannerComponent, FieldErrorComponent, IconComponent, ListViewComponent],
  providers: [MessageTrackingStore, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'details-view' },
  template: `
    <header class="details-header">
      <est-icon name="tracking" />
      <h1>Message Tracking Center</h1>
    </header>
    <form class="tracking-form" (submit)="$event.preventDefault(); find()">
      <label for="mt-sender">Sender:</label>
      <div class="field">
        <input
          id="mt-sender"
          type="text"
          [value]="sender()"
          (input)="sender.set(text($event))"
          placeholder="name@example.com"
        />
        <est-field-error [problem]="store.problem()" field="sender" />
      </div>
      <label for="mt-recipient">Recipient:</label>
      <div class="field">
        <input
          id="mt-recipient"
          type="text"
          [value]="recipient()"
          (input)="recipient.set(text($event))"
          placeholder="name@example.com"
        />
        <est-field-error [problem]="store.problem()" field="recipient" />
      </div>
      <label for="mt-id">Message ID:</label>
      <div class="field">
        <input id="mt-id" type="text" [value]="messageId()" (input)="messageId.set(text($event))" />
        <est-field-error [problem]="store.problem()" field="messageId" />
      </div>
      <label for="mt-from">Logged between:</label>
      <div class="field-row">
        <input id="mt-from" type="datetime-local" aria-label="From" [value]="from()" (input)="from.set(text($event))" />
        <span>and</span>
        <input id="mt-to" type="datetime-local" aria-label="To" [value]="to()" (input)="to.set(text($event))" />
        <est-field-error [problem]="store.problem()" field="from" />
        <est-field-error [problem]="store.problem()" field="to" />
      </div>
      <div class="tracking-buttons">
        <button type="submit" class="btn btn-primary" [disabled]="store.loading()">Find Now</button>
        <button type="button" class="btn" (click)="clear()">Clear</button>
      </div>
    </form>
    @if (store.problem(); as p) {
      <est-error-banner [problem]="p" />
    }
    <div class="details-body" [class.busy]="store.loading()">
      @if (store.events() !== null) {
        <est-list-view
          label="Tracking results"
          [columns]="columns"
          [rows]="rows()"
          emptyText="No tracking log entries match."
          [selectedKey]="store.selectedKey()"
          (selectedKeyChange)="store.selectedKey.set($event)"
          (activate)="history($event)"
        />
      } @else {
        <p class="loading-text">Enter what you know about the message and press Find Now.</p>
      }
      @if (store.history(); as events) {
        <section class="history" aria-label="Message history">
          <h2>Message history of {{ store.historyOf() }}</h2>
          <ol>
            @for (e of events; track e.id) {
              <li>
                <span class="when">{{ e.at | date: 'yyyy-MM-dd HH:mm:ss' }}</span>
                <strong>{{ e.event }}</strong>
                {{ e.recipient ?? '' }} on {{ e.server }}
                @if (e.status) {
                  ({{ e.status }})
                }
                <span class="hint">{{ e.detail }}</span>
              </li>
            }
          </ol>
        </section>
      }
    </div>
    <footer class="status-bar">
      @if (store.events(); as events) {
        {{ events.length }} event{{ events.length === 1 ? '' : 's' }}. Double-click one for the message's history.
      }
    </footer>
  `,
  styles: `
    .tracking-form {
      flex: none;
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr);
      gap: 6px 12px;
      align-items: start;
      padding: 10px 12px;
      background: var(--face);
      border-bottom: 1px solid var(--line-soft);
    }
    .tracking-form > label {
      padding-top: 4px;
    }
    input[type='datetime-local'] {
      width: 200px;
    }
    .tracking-buttons {
      grid-column: 1 / -1;
      display: flex;
      gap: 6px;
      justify-content: flex-end;
    }
    .history {
      padding: 8px 12px;
      border-top: 1px solid var(--line);
    }
    .history h2 {
      font-size: 12px;
      color: var(--accent-dark);
    }
    .history ol {
      margin: 6px 0 0;
      padding-left: 20px;
      line-height: 1.7;
    }
    .when {
      color: var(--muted);
      margin-right: 6px;
    }
  `,
})
export class MessageTrackingView {
  protected readonly store = inject(MessageTrackingStore);
  private readonly dates = inject(DatePipe);
  protected readonly sender = signal('');
  protected readonly recipient = signal('');
  protected readonly messageId = signal('');
  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly columns = [
    { label: 'Time', width: '17%' },
    { label: 'Event', width: '10%' },
    { label: 'Sender', width: '18%' },
    { label: 'Recipient', width: '18%' },
    { label: 'Server', width: '14%' },
    { label: 'Status', width: '7%' },
    { label: 'Detail' },
  ];
  protected readonly rows = computed<ListRow[]>(() =>
    (this.store.events() ?? []).map((e) => ({
      key: e.id,
      icon: 'message' as const,
      cells: [
        this.dates.transform(e.at, 'yyyy-MM-dd HH:mm:ss') ?? e.at,
        e.event,
        e.sender || '<>',
        e.recipient ?? '',
        e.server,
        e.status ?? '',
        e.detail,
      ],
    })),
  );

  constructor() {
    // Like the Tracking Center, start with what happened today.
    void this.find();
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected find(): Promise<void> {
    const query: TrackingQuery = { limit: 500 };
    if (this.sender().trim()) query.sender = this.sender().trim();
    if (this.recipient().trim()) query.recipient = this.recipient().trim();
    if (this.messageId().trim()) query.messageId = this.messageId().trim();
    if (this.from()) query.from = new Date(this.from()).toISOString();
    if (this.to()) query.to = new Date(this.to()).toISOString();
    return this.store.search(query);
  }

  protected clear(): void {
    this.sender.set('');
    this.recipient.set('');
    this.messageId.set('');
    this.from.set('');
    this.to.set('');
  }

  protected history(key: string): void {
    const event = this.store.events()?.find((e) => e.id === key);
    if (event) void this.store.showHistory(event.messageId);
  }
}
