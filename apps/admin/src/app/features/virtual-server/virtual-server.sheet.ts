import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({ selector: 'est-stub-virtualserversheet', changeDetection: ChangeDetectionStrategy.OnPush, template: 'TODO' })
export class VirtualServerSheet {
  readonly id = input('');
}
