import { ChangeDetectionStrategy, Component, inject, linkedSignal } from '@angular/core';
import { DialogComponent } from './dialog.component';
import { DialogService } from './dialog.service';

@Component({
  selector: 'est-dialog-outlet',
  imports: [DialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (dialogs.current(); as request) {
      @switch (request.kind) {
        @case ('confirm') {
          <est-dialog [heading]="request.title" icon="warning" width="420px" (closed)="request.resolve(false)">
            <div class="dialog-body message-body">
              <p>{{ request.message }}</p>
            </div>
            <footer class="dialog-buttons">
              <button type="button" class="btn btn-primary" (click)="request.resolve(true)">
                {{ request.confirmLabel }}
              </button>
              <button type="button" class="btn" (click)="request.resolve(false)">No</button>
            </footer>
          </est-dialog>
        }
        @case ('prompt') {
          <est-dialog [heading]="request.title" icon="new" width="420px" (closed)="request.resolve(null)">
            <form class="dialog-body form-grid" (submit)="$event.preventDefault(); submit()">
              <label for="prompt-value">{{ request.label }}</label>
              <input id="prompt-value" type="text" [value]="value()" (input)="value.set(input($event))" />
            </form>
            <footer class="dialog-buttons">
              <button type="button" class="btn btn-primary" [disabled]="!value().trim()" (click)="submit()">OK</button>
              <button type="button" class="btn" (click)="request.resolve(null)">Cancel</button>
            </footer>
          </est-dialog>
        }
      }
    }
  `,
})
export class DialogOutletComponent {
  protected readonly dialogs = inject(DialogService);
  protected readonly value = linkedSignal(() => {
    const current = this.dialogs.current();
    return current?.kind === 'prompt' ? current.initial : '';
  });

  protected input(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected submit(): void {
    const current = this.dialogs.current();
    const value = this.value().trim();
    if (current?.kind === 'prompt' && value) current.resolve(value);
  }
}
