import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { fieldError, type ApiProblem } from '../../core/api/api-problem';

/** A validation message beside an input, taken from the API's errors[].field. */
@Component({
  selector: 'est-field-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as m) {
      <span class="field-error" role="alert" [attr.data-field]="field()">{{ m }}</span>
    }
  `,
})
export class FieldErrorComponent {
  readonly problem = input.required<ApiProblem | null>();
  readonly field = input.required<string>();
  protected readonly message = computed(() => fieldError(this.problem(), this.field()));
}
