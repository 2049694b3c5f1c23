import type { DsnMessageParams, DsnRecipientParams } from './dsn-params';

/** MAIL FROM as the backend sees it. */
export interface SmtpSender {
  /** Null for the null reverse-path `<>` (RFC 5321 §4.5.5: bounces). */
  address: string | null;
  /** SIZE= (RFC 1870), when the client declared one. */
  declaredSize: number | null;
  /** BODY= (RFC 6152). */
  bodyType: '7bit' | '8bitmime';
  /** SMTPUTF8 (RFC 6531 §3.4). */
  smtpUtf8: boolean;
  dsn: DsnMessageParams;
}

/** One RCPT TO. */
export interface SmtpRecipient {
  address: string;
  dsn: DsnRecipientParams;
}

/** The whole envelope of a transaction at DATA time. */
export interface SmtpEnvelope {
  sender: SmtpSender;
  recipients: SmtpRecipient[];
  /** The size limit the listener enforced on this message (the smallest that applied), 0 for none. */
  maxBytes: number;
  /** RFC 3848 / RFC 6531 transmission type, as written into Received ("ESMTPSA"...). */
  transmissionType: string;
}
