/**
 * An SMTP reply: the basic code (RFC 5321 §4.2), the enhanced status code (RFC 3463 / RFC 2034 §4)
 * and the human-readable text. The library sends it as `<code> <enhanced> <text>`.
 */
export interface SmtpReply {
  code: number;
  /** class.subject.detail, e.g. "5.7.1"; its class must agree with the first digit of `code`. */
  enhanced: string;
  text: string;
}

export interface SmtpRejection {
  accepted: false;
  reply: SmtpReply;
}

export interface SmtpAcceptance {
  accepted: true;
}

/** The answer of a backend to one step of a transaction. */
export type SmtpVerdict = SmtpAcceptance | SmtpRejection;

const ENHANCED = /^[245]\.\d{1,3}\.\d{1,3}$/;

export function smtpReply(code: number, enhanced: string, text: string): SmtpReply {
  if (!Number.isInteger(code) || code < 200 || code > 599) throw new Error(`not an SMTP reply code: ${code}`);
  if (!ENHANCED.test(enhanced) || enhanced[0] !== String(code)[0])
    throw new Error(`enhanced status code ${enhanced} does not fit reply code ${code}`);
  // Replies are single lines: a CR or LF from a backend's text must not split them.
  return { code, enhanced, text: text.replace(/[\r\n]+/g, ' ') };
}

export function reject(code: number, enhanced: string, text: string): SmtpRejection {
  return { accepted: false, reply: smtpReply(code, enhanced, text) };
}

export const ACCEPT: SmtpAcceptance = Object.freeze({ accepted: true });

export function isRejection(value: unknown): value is SmtpRejection {
  return typeof value === 'object' && value !== null && (value as { accepted?: unknown }).accepted === false;
}

/** The text smtp-server is given: the enhanced code leads, which tells the reply writer to add none of its own. */
export function replyText(reply: SmtpReply): string {
  return `${reply.enhanced} ${reply.text}`;
}

/** An error carrying a reply, for the places where smtp-server expects a callback error. */
export class SmtpReplyError extends Error {
  readonly responseCode: number;
  constructor(readonly reply: SmtpReply) {
    super(replyText(reply));
    this.responseCode = reply.code;
  }
}
