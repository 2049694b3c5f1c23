/**
 * A LISTEN connection: PostgreSQL's (a dedicated client) or PGlite's. `onResync` is called after the
 * connection was lost and restored: notifications may have been missed, listeners re-read the journal.
 */
export interface NotificationListener {
  /**
   * True when a commit's notifications reach this process's listeners before the committing call goes on
   * (embedded PGlite: one process, answers and notifications come in one exchange). PostgreSQL delivers
   * them through another connection, a moment later. Keepers of store facts rely on it (ImapFolderIndex).
   */
  readonly immediate?: boolean;
  listen(channel: string, onPayload: (payload: string) => void, onResync?: () => void): Promise<() => Promise<void>>;
}

export const STORE_NOTIFICATION_LISTENER = Symbol('STORE_NOTIFICATION_LISTENER');
