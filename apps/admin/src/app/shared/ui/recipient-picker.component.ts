import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { RecipientSummaryDto } from '@estafette/contracts';
import { toApiProblem, type ApiProblem } from '../../core/api/api-problem';
import { recipientIcon, recipientKindLabel } from '../format/labels';
import { DialogComponent } from './dialog.component';
import { ErrorBannerComponent } from './error-banner.component';
import { ListViewComponent, type ListRow } from './list-view.component';

export type RecipientSearch = (term: string) => Promise<RecipientSummaryDto[]>;

/** "Select Recipient": find recipients by name and pick one or more. */
@Component({
  selector: 'est-recipient-picker',
  imports: [DialogComponent, ErrorBannerComponent, ListViewComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <est-dialog [heading]="heading()" icon="recipients" width="520px" (closed)="closed.emit()">
      <div class="dialog-body">
        <div class="field-row">
          <label for="picker-search">Find:</label>
          <input
            id="picker-search"
            type="search"
            [value]="term()"
            (input)="onSearch($event)"
            placeholder="Name, alias or address"
          />
        </div>
        @if (problem(); as p) {
          <est-error-banner [problem]="p" />
        }
        <div class="picker-results">
          <est-list-view
            label="Search results"
            [columns]="columns"
            [rows]="rows()"
            [selectedKey]="selected()"
            (selectedKeyChange)="selected.set($event)"
            (activate)="pick($event)"
            emptyText="No recipients found."
          />
        </div>
      </div>
      <footer class="dialog-buttons">
        <button type="button" class="btn btn-primary" [disabled]="!selected()" (click)="pick(selected())">OK</button>
        <button type="button" class="btn" (click)="closed.emit()">Cancel</button>
      </footer>
    </est-dialog>
  `,
  styles: `
    .picker-results {
      margin-top: 8px;
      height: 260px;
      overflow: auto;
      border: 1px solid var(--line);
    }
  `,
})
export class RecipientPickerComponent {
  readonly heading = input('Select Recipient');
  readonly exclude = input<readonly string[]>([]);
  /** How to find recipients: the owning feature's store provides it. */
  readonly search = input.required<RecipientSearch>();
  readonly picked = output<RecipientSummaryDto>();
  readonly closed = output<void>();
  protected readonly term = signal('');
  protected readonly results = signal<RecipientSummaryDto[]>([]);
  protected readonly selected = signal<string | null>(null);
  protected readonly problem = signal<ApiProblem | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;
  protected readonly columns = [{ label: 'Name', width: '45%' }, { label: 'Type', width: '25%' }, { label: 'Alias' }];
  protected readonly rows = computed<ListRow[]>(() =>
    this.results()
      .filter((r) => !this.exclude().includes(r.id))
      .map((r) => ({
        key: r.id,
        icon: recipientIcon(r.kind),
        cells: [r.displayName || r.alias, recipientKindLabel(r.kind), r.alias],
      })),
  );

  constructor() {
    afterNextRender(() => void this.find(''));
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected onSearch(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.term.set(value);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.find(value), 250);
  }

  private async find(term: string): Promise<void> {
    try {
      this.results.set(await this.search()(term.trim()));
      this.problem.set(null);
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    }
  }

  protected pick(id: string | null): void {
    const recipient = this.results().find((r) => r.id === id);
    if (recipient) this.picked.emit(recipient);
  }
}
