import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { Router } from '@angular/router';
import { DirectoryEvents } from '../../core/events/directory-events';
import { parentPath } from '../../core/navigation/node-path';
import { SheetNavigator } from '../../core/navigation/sheet-navigator';
import { recipientIcon, recipientKindLabel } from '../../shared/format/labels';
import { ErrorBannerComponent } from '../../shared/ui/error-banner.component';
import { IconComponent } from '../../shared/ui/icon.component';
import { ListViewComponent, type ListRow } from '../../shared/ui/list-view.component';
import { NearEndDirective } from '../../shared/ui/near-end.directive';
import { RecipientsStore } from './recipients.store';

const SEARCH_DELAY_MS = 250;

/** A recipient container (organisational unit): its sub-containers and recipients, searchable and paged. */
@Component({
  selector: 'est-recipient-container-view',
  imports: [ErrorBannerComponent, IconComponent, ListViewComponent, NearEndDirective],
  providers: [RecipientsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'details-view' },
  template: `
    <header class="details-header">
      <est-icon name="container" />
      <h1>{{ store.container()?.name ?? 'Recipient container' }}</h1>
      @if (store.container()?.description; as d) {
        <span class="subtitle">— {{ d }}</span>
      }
    </header>
    <div class="toolbar" role="toolbar" aria-label="Actions">
      <button type="button" class="tool" (click)="newUser()"><est-icon name="user" /><span>New User…</span></button>
      <button type="button" class="tool" (click)="store.createContainer()">
        <est-icon name="container" /><span>New Container…</span>
      </button>
      <button type="button" class="tool" [disabled]="!store.selectedRecipient()" (click)="properties()">
        <est-icon name="properties" /><span>Properties</span>
      </button>
      <button type="button" class="tool" [disabled]="!store.selectedKey()" (click)="store.removeSelected()">
        <est-icon name="delete" /><span>Delete</span>
      </button>
      <span class="tool-separator"></span>
      <button type="button" class="tool" (click)="up()"><est-icon name="up" /><span>Up</span></button>
      <button type="button" class="tool" (click)="store.reload()">
        <est-icon name="refresh" /><span>Refresh</span>
      </button>
      <label class="search-box">
        <est-icon name="search" />
        <input
          type="search"
          placeholder="Find recipients by name, alias or address"
          aria-label="Find recipients"
          [value]="store.search()"
          (input)="onSearch($event)"
        />
      </label>
    </div>
    @if (store.problem(); as p) {
      <est-error-banner [problem]="p" />
    }
    <div class="details-body" [class.busy]="store.loading()">
      <est-list-view
        label="Recipients"
        [columns]="columns"
        [rows]="rows()"
        [sortable]="false"
        [emptyText]="store.search() ? 'No recipient matches the search.' : 'This container is empty.'"
        [selectedKey]="store.selectedKey()"
        (selectedKeyChange)="store.selectedKey.set($event)"
        (activate)="activate($event)"
        (remove)="store.removeSelected()"
      />
      @if (store.hasMore()) {
        <div class="load-more" estNearEnd [estNearEndEnabled]="!store.loading()" (estNearEnd)="store.loadMore()">
          <button type="button" class="btn" [disabled]="store.loading()" (click)="store.loadMore()">
            {{ store.loading() ? 'Loading…' : 'Load more' }}
          </button>
        </div>
      }
    </div>
    <footer class="status-bar">
      <span
        >{{ store.items().length }} recipient{{ store.items().length === 1 ? '' : 's'
        }}{{ store.hasMore() ? ' shown, more available' : '' }}</span
      >
      @if (store.subContainers().length) {
        <span>{{ store.subContainers().length }} container{{ store.subContainers().length === 1 ? '' : 's' }}</span>
      }
    </footer>
  `,
})
export class RecipientContainerView {
  readonly containerId = input.required<string>();
  readonly path = input.required<string>();
  protected readonly store = inject(RecipientsStore);
  private readonly router = inject(Router);
  private readonly sheets = inject(SheetNavigator);
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly columns = [
    { label: 'Name', width: '30%' },
    { label: 'Type', width: '18%' },
    { label: 'Alias', width: '18%' },
    { label: 'E-mail address' },
  ];

  protected readonly rows = computed<ListRow[]>(() => [
    ...(this.store.search()
      ? []
      : this.store.subContainers().map((c) => ({
          key: `container:${c.id}`,
          icon: 'container' as const,
          cells: [c.name, 'Container', '', c.description],
        }))),
    ...this.store.items().map((r) => ({
      key: r.id,
      icon: recipientIcon(r.kind),
      cells: [r.displayName || r.alias, recipientKindLabel(r.kind), r.alias, r.primarySmtpAddress ?? ''],
    })),
  ]);

  constructor() {
    effect(() => {
      const id = this.containerId();
      untracked(() => void this.store.open(id));
    });
    const subscription = inject(DirectoryEvents).changes.subscribe((change) => {
      if (change.type === 'recipient' && change.action === 'create') void this.store.showCreated(change.id);
      else if (change.type === 'recipient' || change.type === 'recipient-container') void this.store.reload();
    });
    inject(DestroyRef).onDestroy(() => {
      subscription.unsubscribe();
      clearTimeout(this.searchTimer);
    });
  }

  protected onSearch(event: Event): void {
    const term = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.store.setSearch(term), SEARCH_DELAY_MS);
  }

  protected newUser(): void {
    void this.sheets.open({ kind: 'new-user', id: this.containerId() });
  }

  protected properties(): void {
    const recipient = this.store.selectedRecipient();
    if (recipient) void this.sheets.open({ kind: 'recipient', id: recipient.id });
  }

  protected activate(key: string): void {
    if (key.startsWith('container:')) {
      void this.router.navigateByUrl(`/${this.path()}/${encodeURIComponent(key.slice('container:'.length))}`);
    } else {
      void this.sheets.open({ kind: 'recipient', id: key });
    }
  }

  protected up(): void {
    const parent = parentPath(this.path());
    if (parent) void this.router.navigateByUrl('/' + parent);
  }
}
