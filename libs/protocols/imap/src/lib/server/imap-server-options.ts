/** TLS key and certificate (PEM). */
export interface ImapTlsMaterial {
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
}

export interface ImapServerOptions {
  readonly host?: string;
  /** 0 for an ephemeral port (tests). */
  readonly port: number;
  /** Name in the greeting and in logs. */
  readonly hostname?: string;
  /** Certificate for STARTTLS and implicit TLS. */
  readonly tls?: ImapTlsMaterial;
  /** Implicit TLS (port 993, RFC 8314 §3.3); requires `tls`. */
  readonly implicitTls?: boolean;
  /** Allow LOGIN/AUTHENTICATE without TLS (RFC 3501 §6.2.3 LOGINDISABLED otherwise). Tests and loopback only. */
  readonly allowPlaintextAuth?: boolean;
  /** Auto-logout timer (RFC 3501 §5.4: at least 30 minutes). */
  readonly idleTimeoutMs?: number;
  /** Longest command line in bytes. */
  readonly maxLineBytes?: number;
  /** Largest literal outside APPEND. */
  readonly maxLiteralBytes?: number;
  /** Largest message for APPEND (the store's limit). */
  readonly maxMessageBytes?: number;
  /** Bad commands in a row before the server says BYE (protects against garbage streams). */
  readonly maxConsecutiveErrors?: number;
  /** How long close() lets sessions finish their command before cutting them. */
  readonly closeTimeoutMs?: number;
  /** Failed authentications on one connection before BYE. */
  readonly maxAuthFailures?: number;
  /** Called for unexpected errors (a backend bug); the client sees NO [SERVERBUG]. */
  readonly onError?: (error: unknown) => void;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
export const DEFAULT_MAX_LITERAL_BYTES = 64 * 1024;
export const DEFAULT_MAX_MESSAGE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

export type ResolvedImapServerOptions = Required<Omit<ImapServerOptions, 'tls' | 'host'>> &
  Pick<ImapServerOptions, 'tls' | 'host'>;

export function resolveOptions(options: ImapServerOptions): ResolvedImapServerOptions {
  if (options.implicitTls && !options.tls) throw new Error('implicitTls needs tls key and certificate');
  return {
    host: options.host,
    port: options.port,
    hostname: options.hostname ?? 'localhost',
    tls: options.tls,
    implicitTls: options.implicitTls ?? false,
    allowPlaintextAuth: options.allowPlaintextAuth ?? false,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    maxLiteralBytes: options.maxLiteralBytes ?? DEFAULT_MAX_LITERAL_BYTES,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    maxConsecutiveErrors: options.maxConsecutiveErrors ?? 20,
    closeTimeoutMs: options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
    maxAuthFailures: options.maxAuthFailures ?? 3,
    onError: options.onError ?? ((error: unknown) => console.error('imap:', error)),
  };
}
