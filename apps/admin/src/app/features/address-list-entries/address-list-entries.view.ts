import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({ selector: 'est-stub-addresslistentriesview', changeDetection: ChangeDetectionStrategy.OnPush, template: 'TODO' })
export class AddressListEntriesView {
  readonly id = input('');
}
