import { Injectable, inject } from '@angular/core';
import type {
  QueueDetailDto,
  QueueSummaryDto,
  QueuedMessageDto,
  TrackingEventDto,
  TrackingQuery,
} from '@estafette/contracts';
import { ApiHttp } from './api-http';

/** Queue Viewer and the message tracking log. */
@Injectable({ providedIn: 'root' })
export class TransportApi {
  private readonly http = inject(ApiHttp);

  queues(): Promise<QueueSummaryDto[]> {
    return this.http.get('/queues');
  }

  queue(name: string): Promise<QueueDetailDto> {
    return this.http.get(`/queues/${encodeURIComponent(name)}`);
  }

  retry(messageId: string): Promise<QueuedMessageDto> {
    return this.http.post(`/queues/messages/${encodeURIComponent(messageId)}/retry`);
  }

  freeze(messageId: string): Promise<QueuedMessageDto> {
    return this.http.post(`/queues/messages/${encodeURIComponent(messageId)}/freeze`);
  }

  unfreeze(messageId: string): Promise<QueuedMessageDto> {
    return this.http.post(`/queues/messages/${encodeURIComponent(messageId)}/unfreeze`);
  }

  /** Deletes a queued message; with `ndr` its sender gets a non-delivery report. */
  delete(messageId: string, ndr: boolean): Promise<unknown> {
    return this.http.delete(`/queues/messages/${encodeURIComponent(messageId)}?ndr=${ndr}`);
  }

  tracking(query: TrackingQuery): Promise<TrackingEventDto[]> {
    return this.http.get('/tracking', { ...query });
  }
}
