import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({ selector: 'est-stub-recipientpolicysheet', changeDetection: ChangeDetectionStrategy.OnPush, template: 'TODO' })
export class RecipientPolicySheet {
  readonly id = input('');
}
