import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  contentChildren,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { fieldError, type ApiProblem } from '../../core/api/api-problem';
import { DialogComponent } from './dialog.component';
import { ErrorBannerComponent } from './error-banner.component';
import type { IconName } from './icon.component';
import { SheetTabDirective } from './sheet-tab.directive';

let nextId = 0;

/** A tabbed property sheet with OK / Cancel / Apply, as every System Manager object has. */
@Component({
  selector: 'est-property-sheet',
  imports: [DialogComponent, ErrorBannerComponent, NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-dialog [heading]="heading()" [icon]="icon()" [width]="width()" (closed)="cancel.emit()">
      <div class="tabstrip" role="tablist" [attr.aria-label]="heading()" (keydown)="onTabKey($event)">
        @for (tab of tabs(); track tab; let i = $index) {
          <button
            type="button"
            role="tab"
            class="tab"
            [id]="baseId + '-tab-' + i"
            [attr.aria-selected]="i === activeIndex()"
            [attr.aria-controls]="baseId + '-panel'"
            [tabIndex]="i === activeIndex() ? 0 : -1"
            [class.invalid]="tabHasError(tab)"
            (click)="activate(i)"
          >
            {{ tab.label() }}
          </button>
        }
      </div>
      <div
        class="dialog-body tabpanel"
        role="tabpanel"
        [id]="baseId + '-panel'"
        [attr.aria-labelledby]="baseId + '-tab-' + activeIndex()"
        [style.--sheet-height]="panelHeight()"
        (keydown.enter)="onEnter($event)"
      >
        @if (problem(); as p) {
          <est-error-banner [problem]="p" />
        }
        @if (loading()) {
          <p class="loading-text">Loading properties…</p>
        } @else if (activeTab(); as tab) {
          <ng-container [ngTemplateOutlet]="tab.template" />
        }
      </div>
      <footer class="dialog-buttons">
        <button type="button" class="btn btn-primary" [disabled]="busy() || loading()" (click)="ok.emit()">OK</button>
        <button type="button" class="btn" (click)="cancel.emit()">Cancel</button>
        <button type="button" class="btn" [disabled]="busy() || loading() || !dirty()" (click)="apply.emit()">
          Apply
        </button>
      </footer>
    </est-dialog>
  `,
})
export class PropertySheetComponent {
  readonly heading = input.required<string>();
  readonly icon = input<IconName>('properties');
  readonly width = input('580px');
  /** Every tab gets this height, so the sheet does not jump when the tab changes. */
  readonly panelHeight = input('460px');
  readonly problem = input<ApiProblem | null>(null);
  readonly loading = input(false);
  readonly busy = input(false);
  readonly dirty = input(false);
  readonly ok = output<void>();
  readonly cancel = output<void>();
  readonly apply = output<void>();

  protected readonly baseId = `sheet-${++nextId}`;
  protected readonly tabs = contentChildren(SheetTabDirective);
  private readonly selected = signal(0);
  protected readonly activeIndex = computed(() => Math.min(this.selected(), Math.max(this.tabs().length - 1, 0)));
  protected readonly activeTab = computed(() => this.tabs()[this.activeIndex()]);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  constructor() {
    // A rejected value on another tab: bring that tab forward so its message is seen.
    effect(() => {
      const problem = this.problem();
      if (!problem || Object.keys(problem.fieldErrors).length === 0) return;
      const tabs = this.tabs();
      const current = tabs[this.activeIndex()];
      if (current && this.hasError(current, problem)) return;
      const index = tabs.findIndex((t) => this.hasError(t, problem));
      if (index >= 0) this.selected.set(index);
    });
  }

  protected tabHasError(tab: SheetTabDirective): boolean {
    const problem = this.problem();
    return problem !== null && this.hasError(tab, problem);
  }

  private hasError(tab: SheetTabDirective, problem: ApiProblem): boolean {
    return tab.fields().some((f) => fieldError(problem, f) !== null);
  }

  protected activate(index: number): void {
    this.selected.set(index);
  }

  protected onTabKey(event: KeyboardEvent): void {
    const count = this.tabs().length;
    let next = this.activeIndex();
    if (event.key === 'ArrowRight') next = (next + 1) % count;
    else if (event.key === 'ArrowLeft') next = (next - 1 + count) % count;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else return;
    event.preventDefault();
    this.selected.set(next);
    this.host.nativeElement.querySelector<HTMLElement>(`#${this.baseId}-tab-${next}`)?.focus();
  }

  /** Enter in a text box presses OK, as in a Windows dialog. */
  protected onEnter(event: Event): void {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'button') {
      event.preventDefault();
      this.ok.emit();
    }
  }
}
