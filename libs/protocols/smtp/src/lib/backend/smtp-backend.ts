import type { Readable } from 'node:stream';
import type { SmtpEnvelope, SmtpRecipient, SmtpSender } from '../envelope/smtp-envelope';
import type { HeaderSection } from '../message/header-section';
import type { SmtpAcceptance, SmtpRejection, SmtpVerdict } from '../replies/smtp-reply';
import type { SmtpSessionInfo } from '../session/smtp-session';

/** Limits a backend sets for one transaction after MAIL FROM (the smaller of these and the listener's apply). */
export interface TransactionLimits {
  maxMessageBytes?: number;
  maxRecipients?: number;
}

export type SenderVerdict = (SmtpAcceptance & { limits?: TransactionLimits }) | SmtpRejection;

/** Edits of the header section: fields to put on top (after the trace fields) and fields to drop. */
export interface HeaderEdits {
  /** Complete fields without the line end, e.g. "Sender: Jane <jane@example.com>". */
  prepend?: string[];
  /** Field names (case-insensitive) removed from the message, e.g. a forged Sender. */
  remove?: string[];
}

export type HeaderVerdict = (SmtpAcceptance & HeaderEdits) | SmtpRejection;

export type MessageVerdict = (SmtpAcceptance & { queueId: string }) | SmtpRejection;

/**
 * The port between the SMTP protocol and whatever stores mail. The listener calls it in SMTP's own
 * order (AUTH, MAIL, RCPT..., header section, data) and turns rejections into replies; a thrown error
 * becomes a temporary failure (4xx), never a dropped connection.
 */
export interface SmtpBackend<P = unknown> {
  /** AUTH PLAIN / LOGIN. A principal on success, null for wrong credentials (535 5.7.8), or a rejection (454 4.7.0 when throttled). */
  authenticate(username: string, password: string, session: SmtpSessionInfo<P>): Promise<P | null | SmtpRejection>;
  /** MAIL FROM: sender identity and quotas; may narrow the size and recipient limits. */
  checkSender(session: SmtpSessionInfo<P>, sender: SmtpSender): Promise<SenderVerdict>;
  /** RCPT TO: known recipient, relay rules. */
  checkRecipient(session: SmtpSessionInfo<P>, sender: SmtpSender, recipient: SmtpRecipient): Promise<SmtpVerdict>;
  /** Called once the header section has been read, before any of it is passed on (optional). */
  reviewHeaders?(session: SmtpSessionInfo<P>, envelope: SmtpEnvelope, headers: HeaderSection): Promise<HeaderVerdict>;
  /**
   * DATA: `data` is the message (dot-unstuffed, trace fields added) as it arrives. Resolve only when
   * the message is stored durably: the client gets 250 then. If the stream fails (size limit,
   * loop, refused headers), the listener answers with that reason whatever this returns.
   */
  acceptMessage(session: SmtpSessionInfo<P>, envelope: SmtpEnvelope, data: Readable): Promise<MessageVerdict>;
}
