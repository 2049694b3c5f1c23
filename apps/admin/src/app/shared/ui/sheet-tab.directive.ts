import { Directive, TemplateRef, inject, input } from '@angular/core';

/** One tab of a property sheet: `<ng-template estSheetTab="General" [fields]="['name']">…</ng-template>`. */
@Directive({ selector: 'ng-template[estSheetTab]' })
export class SheetTabDirective {
  readonly label = input.required<string>({ alias: 'estSheetTab' });
  /** API field names edited on this tab, so a validation error can bring the tab forward. */
  readonly fields = input<readonly string[]>([]);
  readonly template = inject<TemplateRef<unknown>>(TemplateRef);
}
