import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { QueueKind, QueueState } from '@estafette/contracts';
import { ErrorBannerComponent } from '../../shared/ui/error-banner.component';
import { IconComponent } from '../../shared/ui/icon.component';
import { ListViewComponent, type ListRow } from '../../shared/ui/list-view.component';
import { QueuesStore } from './queues.store';

const KIND_LABELS: Record<QueueKind, string> = {
  submission: 'Messages awaiting directory lookup',
  local: 'Local delivery',
  server: 'Another server of the organisation',
  'smart-host': 'Smart host',
  mx: 'Remote domain (DNS MX)',
  unreachable: 'Messages with an unreachable destination',
};

const STATE_LABELS: Record<QueueState, string> = { active: 'Active', ready: 'Ready', retry: 'Retry', frozen: 'Frozen' };

/** Queue Viewer: what waits for delivery, per next hop, and the messages of a queue. */
@Component({
  selector: 'est-queue-viewer-view',
  imports: [DatePipe, ErrorBannerComponent, IconComponent, ListViewComponent],
  providers: [QueuesStore, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'details-view' },
  template: `
    <header class="details-header">
      <est-icon name="queues" />
      <h1>Queues</h1>
    </header>
    <div class="toolbar" role="toolbar" aria-label="Actions">
      <button type="button" class="tool" (click)="store.refresh()">
        <est-icon name="refresh" /><span>Refresh</span>
      </button>
      <span class="tool-separator"></span>
      <button type="button" class="tool" [disabled]="!store.message()" (click)="store.act('retry')">
        <est-icon name="mount" /><span>Retry Now</span>
      </button>
      @if (store.message()?.frozen) {
        <button type="button" class="tool" (click)="store.act('unfreeze')">
          <est-icon name="refresh" /><span>Unfreeze</span>
        </button>
      } @else {
        <button type="button" class="tool" [disabled]="!store.message()" (click)="store.act('freeze')">
          <est-icon name="dismount" /><span>Freeze</span>
        </button>
      }
      <button type="button" class="tool" [disabled]="!store.message()" (click)="store.act('delete-ndr')">
        <est-icon name="delete" /><span>Delete (send NDR)</span>
      </button>
      <button type="button" class="tool" [disabled]="!store.message()" (click)="store.act('delete')">
        <est-icon name="delete" /><span>Delete (no NDR)</span>
      </button>
    </div>
    @if (store.problem(); as p) {
      <est-error-banner [problem]="p" />
    }
    <div class="details-body split-body" [class.busy]="store.loading()">
      <est-list-view
        label="Queues"
        [columns]="queueColumns"
        [rows]="queueRows()"
        emptyText="There are no messages waiting in the queues."
        [selectedKey]="store.selectedQueue()"
        (selectedKeyChange)="store.select($event)"
        (activate)="store.select($event)"
      />
      @if (store.detail(); as detail) {
        <h2 class="split-title">Messages in {{ detail.displayName }}</h2>
        <est-list-view
          label="Queued messages"
          [columns]="messageColumns"
          [rows]="messageRows()"
          emptyText="The queue is empty."
          [selectedKey]="store.selectedMessage()"
          (selectedKeyChange)="store.selectedMessage.set($event)"
        />
        @if (store.message(); as m) {
          <table class="mini-table recipients-table" aria-label="Recipients of the message">
            <thead>
              <tr>
                <th>Recipient</th>
                <th>State</th>
                <th>Attempts</th>
                <th>Next attempt</th>
                <th>Last status</th>
              </tr>
            </thead>
            <tbody>
              @for (r of m.recipients; track r.address) {
                <tr>
                  <td>{{ r.address }}</td>
                  <td>{{ r.frozen ? 'Frozen' : r.state }}</td>
                  <td>{{ r.attempts }}</td>
                  <td>{{ r.nextAttemptAt | date: 'short' }}</td>
                  <td>{{ r.status ?? '' }} {{ r.diagnostic ?? '' }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      }
    </div>
    <footer class="status-bar">
      <span>{{ store.queues().length }} queue{{ store.queues().length === 1 ? '' : 's' }}</span>
      @if (store.refreshedAt(); as at) {
        <span>Last refreshed {{ at | date: 'mediumTime' }}</span>
      }
    </footer>
  `,
  styles: `
    .split-title {
      margin: 12px 10px 4px;
      font-size: 12px;
      color: var(--accent-dark);
    }
    .recipients-table {
      margin: 10px;
      width: calc(100% - 20px);
    }
  `,
})
export class QueueViewerView {
  protected readonly store = inject(QueuesStore);
  private readonly dates = inject(DatePipe);
  protected readonly queueColumns = [
    { label: 'Queue', width: '24%' },
    { label: 'Kind', width: '22%' },
    { label: 'State', width: '9%' },
    { label: 'Messages', width: '9%' },
    { label: 'Recipients', width: '9%' },
    { label: 'Oldest message' },
    { label: 'Next retry' },
    { label: 'Last error' },
  ];
  protected readonly messageColumns = [
    { label: 'From', width: '24%' },
    { label: 'Subject' },
    { label: 'Size', width: '10%' },
    { label: 'Received', width: '18%' },
    { label: 'State', width: '10%' },
  ];

  protected readonly queueRows = computed<ListRow[]>(() =>
    this.store.queues().map((q) => ({
      key: q.name,
      icon: 'queues' as const,
      cells: [
        q.displayName,
        KIND_LABELS[q.kind] ?? q.kind,
        STATE_LABELS[q.state] ?? q.state,
        String(q.messageCount),
        String(q.recipientCount),
        this.when(q.oldestReceivedAt),
        this.when(q.nextAttemptAt),
        q.lastError ?? '',
      ],
    })),
  );

  protected readonly messageRows = computed<ListRow[]>(() =>
    (this.store.detail()?.messages ?? []).map((m) => ({
      key: m.id,
      icon: 'message' as const,
      cells: [
        m.sender || '<>',
        m.subject,
        `${Math.max(1, Math.round(m.size / 1024))} KB`,
        this.when(m.receivedAt),
        m.frozen ? 'Frozen' : m.state === 'categorize' ? 'Categorizing' : 'Queued',
      ],
    })),
  );

  constructor() {
    void this.store.refresh();
  }

  private when(value: string | null): string {
    return value ? (this.dates.transform(value, 'yyyy-MM-dd HH:mm:ss') ?? value) : '';
  }
}
