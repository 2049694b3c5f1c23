import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ApiProblem } from '../../core/api/api-problem';
import { IconComponent } from './icon.component';

/** The banner at the top of a sheet or view for errors that belong to no single field. */
@Component({
  selector: 'est-error-banner',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="error-banner" role="alert">
      <est-icon name="warning" />
      <div>
        <strong>{{ headline() }}</strong>
        @if (detail(); as d) {
          <div class="error-detail">{{ d }}</div>
        }
      </div>
    </div>
  `,
})
export class ErrorBannerComponent {
  readonly problem = input.required<ApiProblem>();

  protected readonly hasFieldErrors = computed(() => Object.keys(this.problem().fieldErrors).length > 0);
  protected readonly headline = computed(() => {
    const p = this.problem();
    if (this.hasFieldErrors()) return 'Some values were not accepted. Correct the fields marked in red.';
    switch (p.status) {
      case 403:
        return 'You do not have permission to make this change.';
      case 404:
        return 'The object no longer exists. It may have been deleted by another administrator.';
      case 409:
        return `The change conflicts with another object: ${p.message}`;
      default:
        return p.message;
    }
  });
  protected readonly detail = computed(() => {
    const p = this.problem();
    return this.hasFieldErrors() || p.status === 403 || p.status === 404 ? p.message : null;
  });
}
