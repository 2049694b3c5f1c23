import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({ selector: 'est-stub-recipientsheet', changeDetection: ChangeDetectionStrategy.OnPush, template: 'TODO' })
export class RecipientSheet {
  readonly id = input('');
}
