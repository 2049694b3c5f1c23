import type { Pop3Maildrop } from '../backend/pop3-backend';

/**
 * RFC 1939 §3: a session goes AUTHORIZATION -> TRANSACTION -> UPDATE. Each state carries what it needs:
 * AUTHORIZATION remembers a USER name awaiting its PASS; TRANSACTION holds the locked maildrop and the
 * messages marked deleted; UPDATE is the end (QUIT), where nothing more is read.
 */
export type SessionState<P> =
  | { kind: 'authorization'; pendingUser: string | null }
  | { kind: 'transaction'; principal: P; user: string; maildrop: Pop3Maildrop; deleted: Set<number> }
  | { kind: 'update' };

export type SessionStateKind = SessionState<unknown>['kind'];

export function authorization<P>(pendingUser: string | null = null): SessionState<P> {
  return { kind: 'authorization', pendingUser };
}
