/**
 * @estafette/protocols-smtp: SMTP listeners (MX, submission, SMTPS) over smtp-server, with a backend
 * port the server app implements. No database, no Nest: see README.md.
 */
export { SmtpListener, type SmtpListenerSettings } from './lib/server/smtp-listener';
export type {
  HeaderEdits,
  HeaderVerdict,
  MessageVerdict,
  SenderVerdict,
  SmtpBackend,
  TransactionLimits,
} from './lib/backend/smtp-backend';
export type { SmtpEnvelope, SmtpRecipient, SmtpSender } from './lib/envelope/smtp-envelope';
export type { DsnMessageParams, DsnNotify, DsnRecipientParams } from './lib/envelope/dsn-params';
export type { HeaderField, HeaderSection } from './lib/message/header-section';
export { rfc5322Date } from './lib/message/rfc5322-date';
export { transmissionType } from './lib/message/transmission-type';
export {
  ACCEPT,
  isRejection,
  reject,
  smtpReply,
  SmtpReplyError,
  type SmtpAcceptance,
  type SmtpRejection,
  type SmtpReply,
  type SmtpVerdict,
} from './lib/replies/smtp-reply';
export { REPLIES } from './lib/replies/status-codes';
export {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_HOPS,
  type SmtpListenerOptions,
  type SmtpTlsMaterial,
  type TraceHeaderOptions,
} from './lib/session/listener-options';
export { requiresAuth, SMTP_MODES, type SmtpMode } from './lib/session/smtp-mode';
export type { SmtpSessionInfo, SmtpTlsInfo } from './lib/session/smtp-session';
/** For tests: a raw-socket, line-by-line client and the transcript player ("C: …" / "S: …"). */
export { playTranscript, SmtpTestClient } from './testing/smtp-test-client';
