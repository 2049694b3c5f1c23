import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ErrorBannerComponent } from '../../shared/ui/error-banner.component';
import { IconComponent } from '../../shared/ui/icon.component';
import { ListViewComponent, type ListRow } from '../../shared/ui/list-view.component';
import { AuditStore } from './audit.store';

const KNOWN_TYPES = [
  'organization',
  'server',
  'information-store',
  'virtual-server',
  'recipient',
  'recipient-container',
  'recipient-policy',
  'address-list',
  'public-folder',
  'role-assignment',
];

/** Who changed what and when: the audit log every write of the API records. */
@Component({
  selector: 'est-audit-log-view',
  imports: [DatePipe, ErrorBannerComponent, IconComponent, JsonPipe, ListViewComponent],
  providers: [AuditStore, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'details-view' },
  template: `
    <header class="details-header">
      <est-icon name="audit" />
      <h1>Audit Log</h1>
    </header>
    <div class="toolbar" role="toolbar" aria-label="Actions">
      <button type="button" class="tool" (click)="store.reload()">
        <est-icon name="refresh" /><span>Refresh</span>
      </button>
      <span class="tool-separator"></span>
      <label class="field-row">
        Object type:
        <select (change)="store.setObjectType(value($event))" aria-label="Object type">
          <option value="">All</option>
          @for (t of types(); track t) {
            <option [value]="t" [selected]="t === store.objectType()">{{ t }}</option>
          }
        </select>
      </label>
    </div>
    @if (store.problem(); as p) {
      <est-error-banner [problem]="p" />
    }
    <div class="details-body" [class.busy]="store.loading()">
      <est-list-view
        label="Audit entries"
        [columns]="columns"
        [rows]="rows()"
        [sortable]="false"
        emptyText="No changes have been recorded."
        [selectedKey]="store.selectedKey()"
        (selectedKeyChange)="store.selectedKey.set($event)"
        (activate)="store.selectedKey.set($event)"
      />
      @if (store.hasMore()) {
        <div class="load-more">
          <button type="button" class="btn" [disabled]="store.loading()" (click)="store.loadOlder()">
            Load older entries
          </button>
        </div>
      }
    </div>
    @if (store.selected(); as e) {
      <section class="audit-detail" aria-label="Change details">
        <div>
          <strong>{{ e.action }} {{ e.objectType }} "{{ e.objectName }}"</strong> by {{ e.actorName }} from
          {{ e.clientAddress || 'the server' }}, {{ e.at | date: 'medium' }}
        </div>
        <div class="audit-columns">
          <div>
            <h3>Before</h3>
            <pre>{{ e.before | json }}</pre>
          </div>
          <div>
            <h3>After</h3>
            <pre>{{ e.after | json }}</pre>
          </div>
        </div>
      </section>
    }
    <footer class="status-bar">{{ store.entries().length }} entries</footer>
  `,
  styles: `
    .audit-detail {
      flex: none;
      max-height: 40%;
      overflow: auto;
      padding: 8px 12px;
      border-top: 1px solid var(--line);
      background: #fafbfd;
    }
    .audit-columns {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 12px;
      margin-top: 6px;
    }
    .audit-columns h3 {
      font-size: 11px;
      color: var(--muted);
    }
    pre {
      margin: 4px 0 0;
      padding: 6px;
      font-size: 11px;
      background: #fff;
      border: 1px solid var(--line-soft);
      white-space: pre-wrap;
      word-break: break-word;
    }
  `,
})
export class AuditLogView {
  protected readonly store = inject(AuditStore);
  private readonly dates = inject(DatePipe);
  protected readonly columns = [
    { label: 'Date', width: '19%' },
    { label: 'Administrator', width: '14%' },
    { label: 'Action', width: '10%' },
    { label: 'Object type', width: '15%' },
    { label: 'Object' },
    { label: 'Client address', width: '12%' },
  ];
  private readonly seenTypes = signal<string[]>(KNOWN_TYPES);
  protected readonly types = computed(() => [...new Set([...this.seenTypes(), ...this.store.objectTypes()])].sort());
  protected readonly rows = computed<ListRow[]>(() =>
    this.store.entries().map((e) => ({
      key: e.id,
      icon: 'audit' as const,
      cells: [
        this.dates.transform(e.at, 'yyyy-MM-dd HH:mm:ss') ?? e.at,
        e.actorName,
        e.action,
        e.objectType,
        e.objectName,
        e.clientAddress,
      ],
    })),
  );

  constructor() {
    void this.store.reload();
  }

  protected value(event: Event): string {
    return (event.target as HTMLSelectElement).value;
  }
}
