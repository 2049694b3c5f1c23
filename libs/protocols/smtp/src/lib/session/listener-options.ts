import type { SmtpMode } from './smtp-mode';

export interface SmtpTlsMaterial {
  /** PEM private key. */
  key: string | Buffer;
  /** PEM certificate chain, leaf first. */
  cert: string | Buffer;
}

/** Which header fields the listener adds while the message streams through. */
export interface TraceHeaderOptions {
  /** RFC 5321 §4.4 Received with the RFC 3848 transmission type. Default true. */
  received?: boolean;
  /** RFC 5322 §3.6.4 Message-ID, added when the message has none. Default true. */
  messageId?: boolean;
}

/** How one listener (one address and port) behaves. Limits of 0 or undefined mean none. */
export interface SmtpListenerOptions {
  mode: SmtpMode;
  /** This server's host name: the greeting, the EHLO reply and the "by" clause of Received. */
  serverName: string;
  /** A label for sessions and logs. Default `<mode>`. */
  label?: string;
  host?: string;
  /** 0 asks the system for a free port (tests); `SmtpListener.port` tells which. */
  port: number;
  /** Needed for STARTTLS ('mx', 'submission') and for 'smtps'. Without it STARTTLS is not offered. */
  tls?: SmtpTlsMaterial | null;
  /** SASL mechanisms offered (RFC 4954). Default PLAIN and LOGIN. A submission listener needs at least one. */
  authMethods?: Array<'PLAIN' | 'LOGIN'>;
  /** Allow AUTH PLAIN and LOGIN on an unencrypted connection (refused with 538 5.7.11 otherwise). */
  allowPlaintextAuth?: boolean;
  /** SIZE (RFC 1870): advertised in EHLO, checked on MAIL FROM and enforced while the data streams. */
  maxMessageBytes?: number;
  /** Recipients per transaction; past it RCPT gets 452 4.5.3 (RFC 5321 §4.5.3.1.8). */
  maxRecipients?: number;
  /** Concurrent connections; past it a new client gets 421. */
  maxConnections?: number;
  /** Idle time before the server says 421 and closes. Default 5 minutes (RFC 5321 §4.5.3.2.7). */
  idleTimeoutMs?: number;
  /** On close(), how long sessions may go on before they get 421 and are cut. Default 30 s. */
  closeTimeoutMs?: number;
  /** Text after "ESMTP" in the greeting. */
  banner?: string;
  /** More Received fields than this means a loop: 554 5.4.6 (RFC 5321 §6.3). Default 30. */
  maxHops?: number;
  /** The header section is read into memory up to this size; a bigger one is refused (552 5.3.4). Default 256 KiB. */
  maxHeaderBytes?: number;
  traceHeaders?: TraceHeaderOptions;
  /** The product name in the Received header's "by" comment. Default "Estafette". */
  productName?: string;
  /** Clock for the Received date (tests). */
  now?: () => Date;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_HOPS = 30;
export const DEFAULT_MAX_HEADER_BYTES = 256 * 1024;
