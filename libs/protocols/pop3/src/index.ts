/**
 * @estafette/protocols-pop3: a POP3 server (RFC 1939, CAPA RFC 2449, AUTH RFC 5034, STLS RFC 2595,
 * implicit TLS on port 995) over a backend port the server app implements. No database, no Nest:
 * see README.md.
 */
export { Pop3Server } from './lib/server/pop3-server';
export {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_LINE_BYTES,
  DEFAULT_POP3_SETTINGS,
  type Pop3SaslMechanism,
  type Pop3ServerOptions,
  type Pop3ServerSettings,
  type Pop3TlsMaterial,
} from './lib/server/pop3-server-options';
export type {
  Pop3AuthResult,
  Pop3Backend,
  Pop3Maildrop,
  Pop3MaildropResult,
  Pop3MessageContent,
  Pop3MessageInfo,
} from './lib/backend/pop3-backend';
export type { Pop3SessionInfo } from './lib/session/pop3-session-info';
export { DotStuffer } from './lib/message/dot-stuffer';
/** For tests: a raw-socket, line-by-line client and the transcript player ("C: …" / "S: …"). */
export { playTranscript, Pop3TestClient } from './testing/pop3-test-client';
