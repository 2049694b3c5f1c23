import { rfc5322Date } from '../submission/header-section';
import { explainStatus } from './status-text';

/** RFC 3464 §2.3 Action field values. */
export type DsnAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export interface DsnRecipientReport {
  finalRecipient: string;
  /** The ORCPT parameter as given ("rfc822;bob@example.com"). */
  originalRecipient?: string | null;
  action: DsnAction;
  /** Enhanced status code (RFC 3463), e.g. 5.1.1. */
  status: string;
  remoteMta?: string | null;
  /** The remote server's reply ("550 5.1.1 no such user") or this server's own explanation. */
  diagnostic?: string | null;
  lastAttemptDate?: Date | null;
  willRetryUntil?: Date | null;
}

export interface DsnInput {
  reportingMta: string;
  /** The report's From: the postmaster of the organisation. */
  from: string;
  /** The envelope sender of the original message, never empty (no report about a report). */
  to: string;
  date: Date;
  messageId: string;
  boundary: string;
  originalEnvelopeId?: string | null;
  arrivalDate: Date;
  originalSubject: string;
  recipients: DsnRecipientReport[];
  /** RET=HDRS: the header section (text/rfc822-headers); RET=FULL: the whole message (message/rfc822). */
  returned: { kind: 'headers' | 'message'; content: Buffer };
}

export type DsnKind = 'failure' | 'delay' | 'success';

export function dsnKind(recipients: readonly DsnRecipientReport[]): DsnKind {
  if (recipients.some((r) => r.action === 'failed')) return 'failure';
  if (recipients.some((r) => r.action === 'delayed')) return 'delay';
  return 'success';
}

const SUBJECT_PREFIX: Record<DsnKind, string> = {
  failure: 'Undeliverable',
  delay: 'Delayed',
  success: 'Delivered',
};

/** RFC 2047 B-encoding for a header value that is not plain ASCII. */
function encodeHeaderText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** An address type and value for a DSN field (RFC 3464 §2.3.1, RFC 6533 for UTF-8 addresses). */
function addressField(address: string): string {
  return /^[\x21-\x7e]*$/.test(address) ? `rfc822;${address}` : `utf-8;${address}`;
}

function originalRecipientField(orcpt: string): string {
  return /^[a-z0-9-]+;/i.test(orcpt) ? orcpt : `rfc822;${orcpt}`;
}

/** One line, no control characters: DSN fields carry text from remote servers. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
}

function humanText(input: DsnInput, kind: DsnKind): string {
  const lines: string[] = [];
  if (kind === 'failure') lines.push('Your message did not reach some or all of the intended recipients.');
  else if (kind === 'delay')
    lines.push('Your message has not been delivered yet. The server will keep trying; you need not resend it.');
  else lines.push('Your message was delivered to the following recipients.');
  lines.push('', `      Subject: ${input.originalSubject}`, `      Sent:    ${rfc5322Date(input.arrivalDate)}`, '');
  if (kind === 'failure') lines.push('The following recipient(s) could not be reached:', '');
  else if (kind === 'delay') lines.push('Delivery to the following recipient(s) has been delayed:', '');
  for (const r of input.recipients) {
    lines.push(`      ${r.finalRecipient}${r.lastAttemptDate ? ` on ${rfc5322Date(r.lastAttemptDate)}` : ''}`);
    if (r.action === 'failed' || r.action === 'delayed') {
      lines.push(`            ${explainStatus(r.status)}`);
      if (r.diagnostic) lines.push(`            ${oneLine(r.diagnostic)}`);
    }
    if (r.willRetryUntil) lines.push(`            Delivery will be attempted until ${rfc5322Date(r.willRetryUntil)}.`);
    // Exchange's way of naming the reporting server and the code in the text.
    lines.push(`            <${input.reportingMta} #${r.status}>`, '');
  }
  return lines.join('\r\n');
}

function deliveryStatus(input: DsnInput): string {
  const perMessage = [`Reporting-MTA: dns;${input.reportingMta}`];
  if (input.originalEnvelopeId) perMessage.push(`Original-Envelope-Id: ${oneLine(input.originalEnvelopeId)}`);
  perMessage.push(`Arrival-Date: ${rfc5322Date(input.arrivalDate)}`);
  const blocks = [perMessage.join('\r\n')];
  for (const r of input.recipients) {
    const fields: string[] = [];
    if (r.originalRecipient) fields.push(`Original-Recipient: ${originalRecipientField(oneLine(r.originalRecipient))}`);
    fields.push(`Final-Recipient: ${addressField(r.finalRecipient)}`);
    fields.push(`Action: ${r.action}`);
    fields.push(`Status: ${r.status}`);
    if (r.remoteMta) fields.push(`Remote-MTA: dns;${oneLine(r.remoteMta)}`);
    if (r.diagnostic) {
      const text = oneLine(r.diagnostic);
      fields.push(/^\d{3}[ -]/.test(text) ? `Diagnostic-Code: smtp;${text}` : `Diagnostic-Code: x-estafette;${text}`);
    }
    if (r.lastAttemptDate) fields.push(`Last-Attempt-Date: ${rfc5322Date(r.lastAttemptDate)}`);
    if (r.willRetryUntil) fields.push(`Will-Retry-Until: ${rfc5322Date(r.willRetryUntil)}`);
    blocks.push(fields.join('\r\n'));
  }
  return `${blocks.join('\r\n\r\n')}\r\n`;
}

function normaliseLineEnds(content: Buffer): Buffer {
  // Bare LF becomes CRLF so that the report is valid on the wire (RFC 5322 §2.3).
  return Buffer.from(content.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/**
 * A delivery status notification (RFC 3464): multipart/report with a text part for people, the
 * machine-readable message/delivery-status, and the original header section or message.
 */
export function buildDsn(input: DsnInput): Buffer {
  if (input.recipients.length === 0) throw new Error('a delivery status notification needs at least one recipient');
  const kind = dsnKind(input.recipients);
  const b = input.boundary;
  const head = [
    `From: Mail Delivery System <${input.from}>`,
    `To: <${input.to}>`,
    `Subject: ${encodeHeaderText(`${SUBJECT_PREFIX[kind]}: ${oneLine(input.originalSubject)}`.trim())}`,
    `Date: ${rfc5322Date(input.date)}`,
    `Message-ID: ${input.messageId}`,
    // RFC 3834: an automatic reply; RFC 3464 §2: a report must not be answered with another one.
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="${b}"`,
    '',
    'This is a MIME-formatted delivery status notification.',
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    humanText(input, kind),
    '',
    `--${b}`,
    'Content-Type: message/delivery-status',
    '',
    deliveryStatus(input),
    `--${b}`,
    input.returned.kind === 'headers' ? 'Content-Type: text/rfc822-headers' : 'Content-Type: message/rfc822',
    '',
    '',
  ].join('\r\n');
  let returned = normaliseLineEnds(input.returned.content);
  if (!returned.toString('latin1').endsWith('\r\n')) returned = Buffer.concat([returned, Buffer.from('\r\n')]);
  return Buffer.concat([Buffer.from(head, 'utf8'), returned, Buffer.from(`\r\n--${b}--\r\n`, 'utf8')]);
}
