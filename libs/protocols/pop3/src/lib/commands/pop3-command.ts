import type { Pop3Backend, Pop3MessageContent } from '../backend/pop3-backend';
import type { Pop3ServerSettings } from '../server/pop3-server-options';
import type { Pop3SessionInfo } from '../session/pop3-session-info';
import type { SessionState, SessionStateKind } from '../session/session-state';

/** What a command handler can do with its session; the connection implements it. */
export interface CommandContext<P> {
  readonly backend: Pop3Backend<P>;
  readonly settings: Pop3ServerSettings;
  readonly info: Pop3SessionInfo;
  /** The greeting's APOP timestamp ("<…@host>"), or null when APOP is not offered. */
  readonly apopBanner: string | null;
  /** STLS is possible: TLS material exists and the connection is not encrypted yet. */
  readonly canStartTls: boolean;
  state: SessionState<P>;
  write(text: string): void;
  /** Sends "+OK …", the dot-stuffed message (all of it, or TOP's part) and the terminator. */
  writeMessage(status: string, content: Pop3MessageContent, bodyLineLimit: number | null): Promise<void>;
  /** STLS: sends "+OK …" and negotiates TLS before the next command is read. */
  startTls(status: string): Promise<void>;
  /** SASL: sends "+ challenge" and resolves with the client's next line (null when the connection closed). */
  continuation(challenge: string): Promise<string | null>;
  /** QUIT: the connection closes once the pending output is written. */
  end(): void;
}

/**
 * One POP3 command: the states it is valid in (RFC 1939 §4-§7) and its handler. `args` is the text
 * after the keyword and one space, untrimmed: PASS takes spaces in passwords (RFC 1939 §7 note).
 */
export interface Pop3Command {
  readonly name: string;
  readonly states: readonly SessionStateKind[];
  run<P>(ctx: CommandContext<P>, args: string): Promise<void> | void;
}
