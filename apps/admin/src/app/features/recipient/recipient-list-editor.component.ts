import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { RecipientSummaryDto } from '@estafette/contracts';
import { recipientIcon } from '../../shared/format/labels';
import { IconComponent } from '../../shared/ui/icon.component';

/** A list of recipients (members, accept-from, send on behalf…) with Add… and Remove. */
@Component({
  selector: 'est-recipient-list-editor',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table class="mini-table" [attr.aria-label]="label()">
      <thead>
        <tr>
          <th>Name</th>
          <th>E-mail address</th>
        </tr>
      </thead>
      <tbody>
        @for (entry of entries(); track entry.id) {
          <tr [class.selected]="entry.id === selected()" (click)="selected.set(entry.id)">
            <td>
              <span class="name-cell"><est-icon [name]="entry.icon" />{{ entry.name }}</span>
            </td>
            <td>{{ entry.address }}</td>
          </tr>
        } @empty {
          <tr>
            <td class="empty" colspan="2">{{ emptyText() }}</td>
          </tr>
        }
      </tbody>
    </table>
    <div class="row-actions">
      <button type="button" class="btn btn-small" [disabled]="disabled()" (click)="add.emit()">Add…</button>
      <button type="button" class="btn btn-small" [disabled]="disabled() || !selected()" (click)="removeSelected()">
        Remove
      </button>
    </div>
  `,
})
export class RecipientListEditorComponent {
  readonly ids = input.required<readonly string[]>();
  readonly names = input.required<ReadonlyMap<string, RecipientSummaryDto>>();
  readonly label = input('Recipients');
  readonly emptyText = input('None');
  readonly disabled = input(false);
  readonly add = output<void>();
  readonly remove = output<string>();
  protected readonly selected = signal<string | null>(null);

  protected readonly entries = computed(() =>
    this.ids().map((id) => {
      const r = this.names().get(id);
      return {
        id,
        name: r ? r.displayName || r.alias : id,
        address: r?.primarySmtpAddress ?? '',
        icon: r ? recipientIcon(r.kind) : ('user' as const),
      };
    }),
  );

  protected removeSelected(): void {
    const id = this.selected();
    if (id) {
      this.remove.emit(id);
      this.selected.set(null);
    }
  }
}
