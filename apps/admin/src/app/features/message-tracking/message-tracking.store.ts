import { Injectable, inject, signal } from '@angular/core';
import type { TrackingEventDto, TrackingQuery } from '@estafette/contracts';
import { toApiProblem, type ApiProblem } from '../../core/api/api-problem';
import { TransportApi } from '../../core/api/transport.api';

/** Message Tracking Center: searches the tracking log, and follows one message through it. */
@Injectable()
export class MessageTrackingStore {
  private readonly api = inject(TransportApi);
  readonly events = signal<TrackingEventDto[] | null>(null);
  readonly history = signal<TrackingEventDto[] | null>(null);
  readonly historyOf = signal<string | null>(null);
  readonly selectedKey = signal<string | null>(null);
  readonly loading = signal(false);
  readonly problem = signal<ApiProblem | null>(null);

  async search(query: TrackingQuery): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    this.history.set(null);
    this.historyOf.set(null);
    try {
      this.events.set(await this.api.tracking(query));
      this.selectedKey.set(null);
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  /** Every event of one message, oldest first: its path through the organisation. */
  async showHistory(messageId: string): Promise<void> {
    this.historyOf.set(messageId);
    try {
      const events = await this.api.tracking({ messageId, limit: 1000 });
      this.history.set([...events].sort((a, b) => a.at.localeCompare(b.at)));
    } catch (error: unknown) {
      this.problem.set(toApiProblem(error));
    }
  }
}
