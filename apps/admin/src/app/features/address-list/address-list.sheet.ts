import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({ selector: 'est-stub-addresslistsheet', changeDetection: ChangeDetectionStrategy.OnPush, template: 'TODO' })
export class AddressListSheet {
  readonly id = input('');
}
