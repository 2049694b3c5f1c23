import type { ImapUser, MailboxHandle, MailboxSnapshot } from '../backend/imap-backend';

/**
 * What the client sees of the selected mailbox: the sequence-number map (uids[n-1] is message n),
 * which changes only when the server announces EXISTS/EXPUNGE (RFC 3501 §7.4.1, §2.3.1.2).
 */
export interface MailboxView {
  readonly handle: MailboxHandle;
  readonly uidValidity: number;
  uidNext: number;
  highestModseq: bigint;
  readonly readOnly: boolean;
  /** Ascending UIDs as the client knows them. */
  uids: number[];
  /** The saved search result ("$", SEARCHRES, RFC 5182), as UIDs; empty until a SEARCH RETURN (SAVE). */
  savedSearch?: number[];
}

/** The connection state (RFC 3501 §3), each kind carrying the data valid in it. */
export type SessionState =
  | { readonly kind: 'not-authenticated' }
  | { readonly kind: 'authenticated'; readonly user: ImapUser }
  | { readonly kind: 'selected'; readonly user: ImapUser; readonly mailbox: MailboxView }
  | { readonly kind: 'logout' };

export type SessionStateKind = SessionState['kind'];

export const NOT_AUTHENTICATED: SessionState = { kind: 'not-authenticated' };

/** The view a SELECT/EXAMINE starts from: the snapshot's messages become sequence numbers 1..n. */
export function mailboxViewFromSnapshot(snapshot: MailboxSnapshot): MailboxView {
  return {
    handle: snapshot.handle,
    uidValidity: snapshot.uidValidity,
    uidNext: snapshot.uidNext,
    highestModseq: snapshot.highestModseq,
    readOnly: snapshot.readOnly,
    uids: snapshot.messages.map((m) => m.uid),
  };
}
