import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({ selector: 'est-stub-auditlogview', changeDetection: ChangeDetectionStrategy.OnPush, template: 'TODO' })
export class AuditLogView {
  readonly id = input('');
}
