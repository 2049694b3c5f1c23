/**
 * A LISTEN connection: PostgreSQL's (a dedicated client) or PGlite's. `onResync` is called after the
 * connection was lost and restored: notifications may have been missed, listeners re-read the journal.
 */
export interface NotificationListener {
  listen(channel: string, onPayload: (payload: string) => void, onResync?: () => void): Promise<() => Promise<void>>;
}

export const STORE_NOTIFICATION_LISTENER = Symbol('STORE_NOTIFICATION_LISTENER');
