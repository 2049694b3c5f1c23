import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  output,
} from '@angular/core';
import { parentPath } from '../../../core/navigation/node-path';
import { IconComponent } from '../../../shared/ui/icon.component';
import { TreeStore, type VisibleTreeRow } from './tree.store';

/**
 * The console tree, keyboard operable as a WAI-ARIA tree view: Up/Down move,
 * Right expands or enters, Left collapses or goes to the parent, Home/End,
 * Enter or Space selects, * expands the siblings.
 */
@Component({
  selector: 'est-console-tree',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="tree" role="tree" aria-label="Console tree" (keydown)="onKey($event)">
      @for (row of store.visibleRows(); track row.path) {
        <li
          role="treeitem"
          [id]="itemId(row.path)"
          [attr.data-path]="row.path"
          [attr.aria-level]="row.level"
          [attr.aria-setsize]="row.setSize"
          [attr.aria-posinset]="row.posInSet"
          [attr.aria-expanded]="row.expandable ? row.expanded : null"
          [attr.aria-selected]="row.path === store.selectedPath()"
          [attr.aria-busy]="row.loading || null"
          [tabIndex]="row.path === focusPath() ? 0 : -1"
          (click)="choose(row)"
        >
          <span class="tree-row" [style.padding-left.px]="(row.level - 1) * 16 + 4">
            <span
              class="twisty"
              [class.open]="row.expanded"
              [class.hidden]="!row.expandable"
              aria-hidden="true"
              (click)="$event.stopPropagation(); toggle(row)"
            ></span>
            <est-icon [name]="row.node.icon" />
            <span class="tree-label">{{ row.node.label }}</span>
            @if (row.loading) {
              <span class="spinner" aria-hidden="true"></span>
            }
            @if (row.error) {
              <span class="tree-error" [title]="row.error">(unavailable)</span>
            }
          </span>
        </li>
      }
    </ul>
  `,
})
export class ConsoleTreeComponent {
  protected readonly store = inject(TreeStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  /** The user picked a node; the console navigates to it. */
  readonly selectPath = output<string>();

  protected readonly focusPath = computed(() => {
    const selected = this.store.selectedPath();
    const rows = this.store.visibleRows();
    return rows.some((r) => r.path === selected) ? selected : (rows[0]?.path ?? '');
  });

  protected itemId(path: string): string {
    return `tree-${path.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  }

  protected choose(row: VisibleTreeRow): void {
    this.selectPath.emit(row.path);
  }

  protected toggle(row: VisibleTreeRow): void {
    if (row.expandable) void this.store.toggle(row.path);
  }

  protected onKey(event: KeyboardEvent): void {
    const rows = this.store.visibleRows();
    const target = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    const index = rows.findIndex((r) => r.path === target?.dataset['path']);
    if (index < 0) return;
    const row = rows[index];
    switch (event.key) {
      case 'ArrowDown':
        this.moveTo(rows[Math.min(index + 1, rows.length - 1)]);
        break;
      case 'ArrowUp':
        this.moveTo(rows[Math.max(index - 1, 0)]);
        break;
      case 'Home':
        this.moveTo(rows[0]);
        break;
      case 'End':
        this.moveTo(rows[rows.length - 1]);
        break;
      case 'ArrowRight':
        if (row.expandable && !row.expanded) void this.store.expand(row.path);
        else if (row.expanded && rows[index + 1]?.level === row.level + 1) this.moveTo(rows[index + 1]);
        break;
      case 'ArrowLeft': {
        if (row.expanded) this.store.collapse(row.path);
        else {
          const parent = rows.find((r) => r.path === parentPath(row.path));
          if (parent) this.moveTo(parent);
        }
        break;
      }
      case 'Enter':
      case ' ':
        this.selectPath.emit(row.path);
        break;
      case '*':
        for (const sibling of rows.filter(
          (r) => r.level === row.level && parentPath(r.path) === parentPath(row.path),
        )) {
          if (sibling.expandable && !sibling.expanded) void this.store.expand(sibling.path);
        }
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  /** Selection follows focus, as in the MMC tree. */
  private moveTo(row: VisibleTreeRow): void {
    this.selectPath.emit(row.path);
    this.focus(row.path);
  }

  focus(path: string): void {
    const find = () => this.host.nativeElement.querySelector<HTMLElement>(`#${this.itemId(path)}`);
    // A row already on screen takes focus at once, so the next key press lands on it;
    // a row that appears only after this change (a child being loaded) takes it after rendering.
    const row = find();
    if (row) row.focus();
    else afterNextRender(() => find()?.focus(), { injector: this.injector });
  }
}
