import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({ selector: 'est-stub-newuserwizard', changeDetection: ChangeDetectionStrategy.OnPush, template: 'TODO' })
export class NewUserWizard {
  readonly id = input('');
}
