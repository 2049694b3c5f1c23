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
import { AddressListEntriesStore } from './address-list-entries.store';

/** What an address list holds, as Outlook's address book shows it: searchable, loaded page by page. */
@Component({
  selector: 'est-address-list-entries-view',
  imports: [ErrorBannerComponent, IconComponent, ListViewComponent, NearEndDirective],
  providers: [AddressListEntriesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'details-view' },
  template: `
    <header class="details-header">
      <est-icon name="address-list" />
      <h1>{{ store.list()?.name ?? 'Address list' }}</h1>
    </header>
    <div class="toolbar" role="toolbar" aria-label="Actions">
      <button type="button" class="tool" [disabled]="!store.selected()" (click)="openEntry()">
        <est-icon name="properties" /><span>Entry Properties</span>
      </button>
      <button type="button" class="tool" (click)="listProperties()">
        <est-icon name="address-list" /><span>List Properties</span>
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
          placeholder="Type a name or address"
          aria-label="Search the address list"
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
        label="Address list entries"
        [columns]="columns"
        [rows]="rows()"
        [sortable]="false"
        [emptyText]="store.search() ? 'No entry matches the search.' : 'This address list is empty.'"
        [selectedKey]="store.selectedKey()"
        (selectedKeyChange)="store.selectedKey.set($event)"
        (activate)="store.selectedKey.set($event); openEntry()"
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
      {{ store.items().length }} entr{{ store.items().length === 1 ? 'y' : 'ies'
      }}{{ store.hasMore() ? ' shown, more available' : '' }}
    </footer>
  `,
})
export class AddressListEntriesView {
  readonly listId = input.required<string>();
  readonly path = input.required<string>();
  protected readonly store = inject(AddressListEntriesStore);
  private readonly sheets = inject(SheetNavigator);
  private readonly router = inject(Router);
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected readonly columns = [
    { label: 'Display Name', width: '24%' },
    { label: 'Alias', width: '14%' },
    { label: 'Type', width: '13%' },
    { label: 'E-mail Address', width: '22%' },
    { label: 'Title' },
    { label: 'Department' },
    { label: 'Business Phone' },
  ];

  protected readonly rows = computed<ListRow[]>(() =>
    this.store.items().map((e) => ({
      key: e.id,
      icon: recipientIcon(e.type),
      cells: [
        e.displayName,
        e.alias,
        recipientKindLabel(e.type),
        e.primarySmtpAddress ?? '',
        e.title,
        e.department,
        e.telephone,
      ],
    })),
  );

  constructor() {
    effect(() => {
      const id = this.listId();
      untracked(() => void this.store.open(id));
    });
    const subscription = inject(DirectoryEvents).changes.subscribe(() => void this.store.reload());
    inject(DestroyRef).onDestroy(() => {
      subscription.unsubscribe();
      clearTimeout(this.timer);
    });
  }

  protected onSearch(event: Event): void {
    const term = (event.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.store.setSearch(term), 250);
  }

  protected openEntry(): void {
    const entry = this.store.selected();
    if (!entry) return;
    void this.sheets.open({ kind: entry.type === 'public-folder' ? 'public-folder' : 'recipient', id: entry.id });
  }

  protected listProperties(): void {
    void this.sheets.open({ kind: 'address-list', id: this.listId() });
  }

  protected up(): void {
    const parent = parentPath(this.path());
    if (parent) void this.router.navigateByUrl('/' + parent);
  }
}
