/** GET /api/mailboxes/:recipientId/stats: item count and size per folder, quota state, last logon. */
export interface MailboxStatsDto {
  recipientId: string;
  alias: string;
  store: { id: string; name: string; mounted: boolean } | null;
  /** False until the first delivery or logon creates the mailbox. */
  mailboxExists: boolean;
  folders: MailboxFolderStatsDto[];
  totalItems: number;
  totalBytes: number;
  quotaState: 'ok' | 'warning' | 'prohibit-send' | 'prohibit-send-receive';
  lastLogonAt: string | null;
}

export interface MailboxFolderStatsDto {
  /** Full path, "/"-separated ("Inbox/Projects"). */
  name: string;
  role: string | null;
  itemCount: number;
  sizeBytes: number;
}
