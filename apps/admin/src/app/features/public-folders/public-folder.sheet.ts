import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({ selector: 'est-stub-publicfoldersheet', changeDetection: ChangeDetectionStrategy.OnPush, template: 'TODO' })
export class PublicFolderSheet {
  readonly id = input('');
}
