/** Key and certificate (PEM) for STLS and implicit TLS. */
export interface Pop3TlsMaterial {
  key: string;
  cert: string;
}

export type Pop3SaslMechanism = 'PLAIN' | 'LOGIN';

/** What may change on a running listener; applies to the next session. */
export interface Pop3ServerSettings {
  /** RFC 1939 §3: an autologout timer of at least 10 minutes; shorter values are only for tests. */
  idleTimeoutMs: number;
  /** 0: no limit. Past it, "-ERR [SYS/TEMP]" and the connection closes. */
  maxConnections: number;
  /** USER/PASS and AUTH on a connection without TLS (RFC 2595 §2.2 says a server should be able to refuse). */
  allowPlaintextAuth: boolean;
  /** USER and PASS (RFC 1939 §7). */
  userPass: boolean;
  /** AUTH mechanisms (RFC 5034). */
  mechanisms: Pop3SaslMechanism[];
  /** APOP (RFC 1939 §7); off by default, and only offered when the backend implements it. */
  apop: boolean;
}

export interface Pop3ServerOptions extends Pop3ServerSettings {
  host: string;
  /** 0 binds a free port; `listen()` resolves with the real one. */
  port: number;
  /** Port 995 (RFC 8314 §3.3, RFC 2595): TLS from the first byte. */
  implicitTls: boolean;
  /** null: no STLS offered, and an implicit-TLS listener cannot start. */
  tls: Pop3TlsMaterial | null;
  /** The name in the greeting and the APOP timestamp. */
  serverName: string;
  /** For logs and for the backend's session info. */
  label: string;
  /** On close(): how long sessions may go on before they are ended. */
  closeTimeoutMs: number;
  /** Longest command line accepted, CRLF included (RFC 2449 §4 allows clients 255 octets). */
  maxLineBytes: number;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_LINE_BYTES = 1024;

export const DEFAULT_POP3_SETTINGS: Pop3ServerSettings = {
  idleTimeoutMs: DEFAULT_IDLE_TIMEOUT_MS,
  maxConnections: 0,
  allowPlaintextAuth: false,
  userPass: true,
  mechanisms: ['PLAIN'],
  apop: false,
};
