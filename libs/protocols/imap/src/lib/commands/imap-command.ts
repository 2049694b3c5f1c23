import type { Readable } from 'node:stream';
import type { ImapBackend, ImapClientContext } from '../backend/imap-backend';
import type { CommandArgs } from '../parser/command-args';
import type { ImapCommand } from '../parser/imap-value';
import type { ResolvedImapServerOptions } from '../server/imap-server-options';
import type { SessionState, SessionStateKind } from '../session/session-state';
import type { UntaggedQueue } from '../session/untagged-queue';

/**
 * What a command handler may do with its connection. Untagged lines and continuations are written in
 * order; the tagged completion is written by the connection from the handler's result.
 */
export interface CommandContext {
  readonly state: SessionState;
  setState(state: SessionState): void;
  readonly backend: ImapBackend;
  readonly options: ResolvedImapServerOptions;
  readonly client: ImapClientContext;
  /** Whether STARTTLS can be offered now (TLS configured, not yet secure). */
  readonly canStartTls: boolean;
  /** Extensions the client turned on with ENABLE (RFC 5161), upper-case. */
  readonly enabled: Set<string>;
  /**
   * Pending changes of the selected mailbox (RFC 3501 §7.4.1). IDLE hooks `onPush` to send them at
   * once; STORE drops the feed's echo of its own changes.
   */
  readonly updates: UntaggedQueue;
  /** Sends the pending updates now, worded for what the client enabled (IDLE, RFC 2177). */
  flushUpdates(allowExpunge: boolean): Promise<void>;
  /** The capability list for the current state (RFC 3501 §7.2.1). */
  capabilities(): string[];
  /** Writes "* <line>". */
  untagged(line: string): Promise<void>;
  /**
   * Writes raw response bytes with backpressure: FETCH uses it for literals ("{n}\r\n" then the
   * content, possibly a stream from the store). The caller writes whole response lines, CRLF included.
   */
  write(data: string | Buffer | Readable): Promise<void>;
  /** The client is gone: long responses (a big FETCH) stop asking the store for more. */
  readonly closed: boolean;
  /** Writes "+ <text>" (a continuation request, RFC 3501 §7.5). */
  continuation(text: string): Promise<void>;
  /** Reads one raw client line (AUTHENTICATE exchanges); null if the connection closed. */
  readLine(): Promise<Buffer | null>;
  /** Upgrades the connection to TLS; called only after the tagged OK was written (RFC 3501 §6.2.1). */
  startTls(): Promise<void>;
  /** COMPRESS=DEFLATE is on (RFC 4978). */
  readonly compressionActive: boolean;
  /** Starts deflate both ways; called only after the tagged OK was written (RFC 4978 §3). */
  startCompression(): void;
  /** Failed authentications on this connection so far (RFC 3501 §6.2.3 lets the server close after some). */
  authFailures: number;
  /** Says BYE and closes (after the tagged response was written when used from `after`). */
  bye(text: string): Promise<void>;
  /** Client identification from ID (RFC 2971), for logs. */
  clientId: Readonly<Record<string, string | null>> | null;
}

/** The tagged completion of a command. `after` runs once it has been written (STARTTLS, LOGOUT). */
export interface CommandResult {
  readonly status: 'OK' | 'NO' | 'BAD';
  readonly code?: string;
  readonly text: string;
  readonly after?: () => Promise<void>;
}

/**
 * The registry contract: one definition per command file. The dispatcher finds the definition by
 * name, refuses it (BAD) outside `states`, refuses the UID prefix unless `uid`, and delivers queued
 * untagged updates before the tagged response, holding EXPUNGE back where RFC 3501 §7.4.1 forbids it.
 */
export interface ImapCommandDefinition {
  /** Command names served, upper-case (SELECT and EXAMINE share one file). */
  readonly names: readonly string[];
  readonly states: readonly SessionStateKind[];
  /** Accepts the UID prefix (RFC 3501 §6.4.8). */
  readonly uid?: boolean;
  /** FETCH, STORE, SEARCH without UID: no EXPUNGE may be sent while answering them (RFC 3501 §7.4.1). */
  readonly forbidsExpunge?: boolean;
  /** Capabilities this command adds in the given situation (RFC 3501 §7.2.1 lists them per state). */
  capabilities?(situation: CapabilitySituation): readonly string[];
  /** Extensions that ENABLE may turn on because this command implements them (RFC 5161 §3.1). */
  readonly enableable?: readonly string[];
  handle(context: CommandContext, args: CommandArgs, command: ImapCommand): Promise<CommandResult>;
}

/** What the advertised capabilities depend on. */
export interface CapabilitySituation {
  readonly state: SessionStateKind;
  readonly secure: boolean;
  readonly canStartTls: boolean;
  /** LOGIN/AUTHENTICATE allowed without TLS (otherwise LOGINDISABLED, no AUTH= before TLS). */
  readonly plaintextAuth: boolean;
}

export const ANY_STATE: readonly SessionStateKind[] = ['not-authenticated', 'authenticated', 'selected'];
export const AUTHENTICATED_STATES: readonly SessionStateKind[] = ['authenticated', 'selected'];

export function ok(text: string, code?: string): CommandResult {
  return { status: 'OK', text, code };
}

export function no(text: string, code?: string): CommandResult {
  return { status: 'NO', text, code };
}

export function bad(text: string, code?: string): CommandResult {
  return { status: 'BAD', text, code };
}
