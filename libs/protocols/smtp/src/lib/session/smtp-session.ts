import type { SmtpMode } from './smtp-mode';

/** The TLS parameters of an encrypted session, for the Received header and the logs. */
export interface SmtpTlsInfo {
  protocol: string;
  cipher: string;
}

/**
 * What a backend learns about the session a command comes from. A read-only snapshot taken for each
 * call: `principal` is what the backend's authenticate() returned, null until AUTH succeeded.
 */
export interface SmtpSessionInfo<P = unknown> {
  /** Random id of the connection (smtp-server's), also written into the Received header. */
  readonly id: string;
  /** The listener's label (e.g. "Default SMTP Virtual Server/submission"). */
  readonly listener: string;
  readonly mode: SmtpMode;
  /** This server's host name, as in the greeting. */
  readonly serverName: string;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** The client's reverse DNS name when looked up, otherwise its address as a literal ("[192.0.2.1]"). */
  readonly clientHostname: string;
  /** The argument of HELO/EHLO; null before the client sent one. */
  readonly heloName: string | null;
  /** True after EHLO (as opposed to HELO). */
  readonly esmtp: boolean;
  readonly tls: SmtpTlsInfo | null;
  /** The user name given to AUTH, when it succeeded. */
  readonly authenticatedAs: string | null;
  readonly principal: P | null;
  /** Ordinal of the mail transaction within the connection, from 1. */
  readonly transaction: number;
}
