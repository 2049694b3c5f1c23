import { Injectable, inject } from '@angular/core';
import type { MailboxStatsDto } from '@estafette/contracts';
import { ApiHttp } from './api-http';

/** GET /api/mailboxes/:recipientId/stats. */
@Injectable({ providedIn: 'root' })
export class MailboxesApi {
  private readonly http = inject(ApiHttp);

  stats(recipientId: string): Promise<MailboxStatsDto> {
    return this.http.get(`/mailboxes/${encodeURIComponent(recipientId)}/stats`);
  }
}
