import { Injectable, inject } from '@angular/core';
import { ApiHttp } from './api-http';

/**
 * GET /api/mailboxes/:recipientId/stats. The shape is declared here because
 * @estafette/contracts does not carry it yet (it lives in libs/store).
 */
export interface MailboxStatsDto {
  recipientId: string;
  alias: string;
  store: { id: string; name: string; mounted: boolean } | null;
  /** False until the first delivery or logon creates the mailbox. */
  mailboxExists: boolean;
  folders: Array<{ name: string; role: string | null; itemCount: number; sizeBytes: number }>;
  totalItems: number;
  totalBytes: number;
  quotaState: 'ok' | 'warning' | 'prohibit-send' | 'prohibit-send-receive';
  lastLogonAt: string | null;
}

@Injectable({ providedIn: 'root' })
export class MailboxesApi {
  private readonly http = inject(ApiHttp);

  stats(recipientId: string): Promise<MailboxStatsDto> {
    return this.http.get(`/mailboxes/${encodeURIComponent(recipientId)}/stats`);
  }
}
