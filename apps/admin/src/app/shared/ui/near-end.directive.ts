import { Directive, ElementRef, afterNextRender, inject, input, output } from '@angular/core';

/** Emits when the element scrolls into view: the sentinel at the end of an infinitely scrolling list. */
@Directive({ selector: '[estNearEnd]' })
export class NearEndDirective {
  readonly enabled = input(true, { alias: 'estNearEndEnabled' });
  readonly estNearEnd = output<void>();
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  constructor() {
    afterNextRender(() => {
      const element = this.host.nativeElement;
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting) && this.enabled()) this.estNearEnd.emit();
        },
        { root: element.closest('.details-body'), rootMargin: '120px' },
      );
      observer.observe(element);
      return () => observer.disconnect();
    });
  }
}
