import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({ selector: 'est-stub-recipientcontainerview', changeDetection: ChangeDetectionStrategy.OnPush, template: 'TODO' })
export class RecipientContainerView {
  readonly id = input('');
}
