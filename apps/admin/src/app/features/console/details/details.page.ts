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
import { DirectoryEvents } from '../../../core/events/directory-events';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { ListViewComponent } from '../../../shared/ui/list-view.component';
import { DetailsStore } from './details.store';

/** The right-hand pane for most nodes: the node's contents in a table, with New / Properties / Delete. */
@Component({
  selector: 'est-details-page',
  imports: [ErrorBannerComponent, IconComponent, ListViewComponent],
  providers: [DetailsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'details-view' },
  template: `
    <header class="details-header">
      <est-icon [name]="store.node()?.icon ?? 'folder'" />
      <h1>{{ store.node()?.label ?? '' }}</h1>
    </header>
    <div class="toolbar" role="toolbar" aria-label="Actions">
      @for (action of store.model()?.newActions ?? []; track action.kind) {
        <button type="button" class="tool" (click)="store.create(action)">
          <est-icon name="new" /><span>New {{ action.label }}</span>
        </button>
      }
      <button type="button" class="tool" [disabled]="!store.canShowProperties()" (click)="store.properties()">
        <est-icon name="properties" /><span>Properties</span>
      </button>
      <button type="button" class="tool" [disabled]="!removable()" (click)="removeSelected()">
        <est-icon name="delete" /><span>Delete</span>
      </button>
      <span class="tool-separator"></span>
      <button
        type="button"
        class="tool"
        [disabled]="path() === 'organization'"
        (click)="store.goUp()"
        title="Up one level"
      >
        <est-icon name="up" /><span>Up</span>
      </button>
      <button type="button" class="tool" (click)="store.reload()" title="Refresh">
        <est-icon name="refresh" /><span>Refresh</span>
      </button>
    </div>
    @if (store.problem(); as p) {
      <est-error-banner [problem]="p" />
    }
    <div class="details-body" [class.busy]="store.loading()">
      @if (store.model(); as model) {
        <est-list-view
          [columns]="model.columns"
          [rows]="model.rows"
          [label]="store.node()?.label ?? 'Contents'"
          [emptyText]="model.empty"
          [sortable]="!model.summary"
          [selectedKey]="store.selectedKey()"
          (selectedKeyChange)="store.selectedKey.set($event)"
          (activate)="activate($event)"
          (remove)="removeKey($event)"
        />
      } @else if (store.loading()) {
        <p class="loading-text">Loading…</p>
      }
    </div>
    <footer class="status-bar">
      @if (store.model(); as model) {
        {{ model.summary ? 'Properties' : model.rows.length + (model.rows.length === 1 ? ' object' : ' objects') }}
      }
    </footer>
  `,
})
export class DetailsPage {
  /** The node path, handed over by the route matcher. */
  readonly path = input.required<string>();
  protected readonly store = inject(DetailsStore);
  protected readonly removable = computed(() => Boolean(this.store.selectedRow()?.remove));

  constructor() {
    effect(() => {
      const path = this.path();
      untracked(() => void this.store.load(path));
    });
    const subscription = inject(DirectoryEvents).changes.subscribe(() => void this.store.reload());
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected activate(key: string): void {
    const row = this.store.model()?.rows.find((r) => r.key === key);
    if (row) this.store.open(row);
  }

  protected removeKey(key: string): void {
    const target = this.store.model()?.rows.find((r) => r.key === key)?.remove;
    if (target) void this.store.remove(target);
  }

  protected removeSelected(): void {
    const target = this.store.selectedRow()?.remove;
    if (target) void this.store.remove(target);
  }
}
