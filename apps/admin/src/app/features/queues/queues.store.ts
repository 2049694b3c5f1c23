import { Injectable, computed, inject, signal } from '@angular/core';
import type { QueueDetailDto, QueueSummaryDto, QueuedMessageDto } from '@estafette/contracts';
import { toApiProblem, type ApiProblem } from '../../core/api/api-problem';
import { isNotFound } from '../../core/api/api-problem';
import { TransportApi } from '../../core/api/transport.api';
import { DialogService } from '../../shared/ui/dialog.service';

export type MessageAction = 'retry' | 'freeze' | 'unfreeze' | 'delete' | 'delete-ndr';

/** Queue Viewer: the link queues, the messages of the selected one, and what an administrator may do to them. */
@Injectable()
export class QueuesStore {
  private readonly api = inject(TransportApi);
  private readonly dialogs = inject(DialogService);
  readonly queues = signal<QueueSummaryDto[]>([]);
  readonly selectedQueue = signal<string | null>(null);
  readonly detail = signal<QueueDetailDto | null>(null);
  readonly selectedMessage = signal<string | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<ApiProblem | null>(null);
  readonly refreshedAt = signal<Date | null>(null);
  readonly message = computed<QueuedMessageDto | null>(
    () => this.detail()?.messages.find((m) => m.id === this.selectedMessage()) ?? null,
  );

  async refresh(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const queues = await this.api.queues();
      this.queues.set(queues);
      this.refreshedAt.set(new Date());
      const selected = this.selectedQueue();
      if (selected && queues.some((q) => q.name === selected)) await this.loadDetail(selected);
      else {
        this.selectedQueue.set(null);
        this.detail.set(null);
      }
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  async select(name: string | null): Promise<void> {
    this.selectedQueue.set(name);
    this.selectedMessage.set(null);
    this.detail.set(null);
    if (name) await this.loadDetail(name);
  }

  private async loadDetail(name: string): Promise<void> {
    try {
      this.detail.set(await this.api.queue(name));
    } catch (error: unknown) {
      // The queue emptied meanwhile.
      if (isNotFound(error)) this.detail.set(null);
      else this.problem.set(toApiProblem(error));
    }
  }

  async act(action: MessageAction): Promise<void> {
    const message = this.message();
    if (!message) return;
    if (action === 'delete' || action === 'delete-ndr') {
      const sure = await this.dialogs.confirm({
        title: 'Delete Message',
        message:
          action === 'delete-ndr'
            ? `Delete "${message.subject || message.messageId}" and send its sender a non-delivery report?`
            : `Delete "${message.subject || message.messageId}" without notifying its sender?`,
      });
      if (!sure) return;
    }
    this.problem.set(null);
    try {
      switch (action) {
        case 'retry':
          await this.api.retry(message.id);
          break;
        case 'freeze':
          await this.api.freeze(message.id);
          break;
        case 'unfreeze':
          await this.api.unfreeze(message.id);
          break;
        case 'delete':
        case 'delete-ndr':
          await this.api.delete(message.id, action === 'delete-ndr');
          this.selectedMessage.set(null);
          break;
      }
      await this.refresh();
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    }
  }
}
