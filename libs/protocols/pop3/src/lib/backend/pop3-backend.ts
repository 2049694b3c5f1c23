import type { Pop3SessionInfo } from '../session/pop3-session-info';

/**
 * The result of checking a user name and password. Each refusal has its own kind so that the
 * listener can answer with the right RFC 2449 / RFC 3206 response code:
 * - `wrong-credentials`: `-ERR [AUTH]`, the client may try again;
 * - `disabled`: `-ERR [AUTH]` with the backend's message (POP3 turned off for the user, account disabled);
 * - `throttled`: `-ERR [SYS/TEMP]`, too many failures: try later (RFC 3206 §4).
 */
export type Pop3AuthResult<P> =
  | { kind: 'ok'; principal: P }
  | { kind: 'wrong-credentials' }
  | { kind: 'disabled'; message: string }
  | { kind: 'throttled'; message: string };

/** One message of the maildrop as RFC 1939 numbers it (from 1, fixed for the session). */
export interface Pop3MessageInfo {
  /** Octets as the message is stored (CRLF line ends), the figure LIST and STAT report. */
  size: number;
  /**
   * RFC 1939 §7 unique-id: 1 to 70 characters in 0x21..0x7E, the same for the message in every
   * session, never reused for another message of the maildrop.
   */
  uid: string;
}

/** The raw RFC 5322 bytes of a message, streamed; the listener dot-stuffs them (RFC 1939 §3). */
export type Pop3MessageContent = AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>;

/** A maildrop opened for one TRANSACTION state: locked for this session until `release`. */
export interface Pop3Maildrop {
  readonly messages: readonly Pop3MessageInfo[];
  /** RETR and TOP: `index` is 0-based into `messages`. */
  retrieve(index: number): Promise<Pop3MessageContent>;
  /** The UPDATE state (RFC 1939 §6): remove these messages (0-based indexes), all or nothing. */
  commitDeletions(indexes: readonly number[]): Promise<void>;
  /** Ends the lock; called once per opened maildrop, after commitDeletions or when the session dies. */
  release(): Promise<void>;
}

/**
 * Refusals of openMaildrop: `in-use` is `-ERR [IN-USE]` (RFC 2449 §8.1.1, another session holds the
 * lock); `unavailable` is `-ERR [SYS/TEMP]` with the message (store dismounted, for example).
 */
export type Pop3MaildropResult =
  | { kind: 'ok'; maildrop: Pop3Maildrop }
  | { kind: 'in-use'; message: string }
  | { kind: 'unavailable'; message: string };

/** The port a POP3 listener is built on; the server app implements it on its store. */
export interface Pop3Backend<P> {
  authenticate(user: string, password: string, session: Pop3SessionInfo): Promise<Pop3AuthResult<P>>;
  /**
   * APOP (RFC 1939 §7) needs the shared secret in clear on the server side; only a backend that has
   * it implements this, and the listener offers APOP only when its options allow it too.
   */
  authenticateApop?(user: string, digest: string, banner: string, session: Pop3SessionInfo): Promise<Pop3AuthResult<P>>;
  /** Locks the user's maildrop exclusively (RFC 1939 §8) and lists it. */
  openMaildrop(principal: P, session: Pop3SessionInfo): Promise<Pop3MaildropResult>;
}
