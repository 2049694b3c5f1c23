import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, inject, input, output } from '@angular/core';
import { IconComponent, type IconName } from './icon.component';

let nextId = 0;

const FOCUSABLE =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex="0"]';

/** A modal window in the Windows property-sheet manner: title bar, body, buttons. Escape closes it; Tab stays inside. */
@Component({
  selector: 'est-dialog',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="backdrop">
      <section
        class="dialog"
        role="dialog"
        aria-modal="true"
        tabindex="-1"
        [attr.aria-labelledby]="titleId"
        [style.width]="width()"
        (keydown.escape)="closed.emit()"
        (keydown.tab)="trapTab($event)"
      >
        <header class="dialog-titlebar">
          <est-icon [name]="icon()" />
          <h2 [id]="titleId">{{ heading() }}</h2>
          <button type="button" class="titlebar-close" aria-label="Close" (click)="closed.emit()">&#x2715;</button>
        </header>
        <ng-content />
      </section>
    </div>
  `,
})
export class DialogComponent {
  readonly heading = input.required<string>();
  readonly icon = input<IconName>('properties');
  readonly width = input('540px');
  readonly closed = output<void>();

  protected readonly titleId = `dialog-title-${++nextId}`;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  constructor() {
    afterNextRender(() => {
      const section = this.host.nativeElement.querySelector<HTMLElement>('section.dialog');
      const body = this.host.nativeElement.querySelector<HTMLElement>(
        '.dialog-body input:not([disabled]), .dialog-body select, [role="tab"][aria-selected="true"]',
      );
      (body ?? section)?.focus();
    });
  }

  protected trapTab(event: Event): void {
    const keyboard = event as KeyboardEvent;
    const items = Array.from(this.host.nativeElement.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (el) => el.offsetParent !== null,
    );
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (keyboard.shiftKey && document.activeElement === first) {
      last.focus();
      keyboard.preventDefault();
    } else if (!keyboard.shiftKey && document.activeElement === last) {
      first.focus();
      keyboard.preventDefault();
    }
  }
}
