import type { ImapAddress, ImapEnvelope } from '../backend/imap-backend';
import { list, nstring } from './imap-string';

/** Whether values may go out as UTF-8 (UTF8=ACCEPT enabled, RFC 6855 §3). */
export interface WireTextOptions {
  readonly utf8?: boolean;
}

/** Encoded words carry at most this many bytes of text each, keeping them under 75 characters (RFC 2047 §2). */
const ENCODED_WORD_BYTES = 45;

/**
 * A header text value for ENVELOPE (RFC 3501 §7.4.2): ASCII as is; non-ASCII as UTF-8 when the client
 * accepts it, otherwise as RFC 2047 "B" encoded words, which every IMAP client decodes.
 */
export function headerText(value: string | null, options: WireTextOptions = {}): string {
  if (value === null) return 'NIL';
  // eslint-disable-next-line no-control-regex -- ASCII range check
  if (options.utf8 || /^[\x00-\x7f]*$/.test(value)) return nstring(value, options);
  const words: string[] = [];
  let chunk = '';
  for (const character of value) {
    if (Buffer.byteLength(chunk + character) > ENCODED_WORD_BYTES) {
      words.push(encodedWord(chunk));
      chunk = '';
    }
    chunk += character;
  }
  if (chunk) words.push(encodedWord(chunk));
  return nstring(words.join(' '));
}

function encodedWord(text: string): string {
  return `=?utf-8?B?${Buffer.from(text).toString('base64')}?=`;
}

function addresses(value: readonly ImapAddress[] | null, options: WireTextOptions): string {
  if (!value || value.length === 0) return 'NIL';
  return list(
    value.map((a) =>
      list([headerText(a.name, options), nstring(a.adl), nstring(a.mailbox, options), nstring(a.host, options)]),
    ),
  );
}

/** envelope = "(" date SP subject SP from SP sender SP reply-to SP to SP cc SP bcc SP in-reply-to SP message-id ")". */
export function envelopeResponse(envelope: ImapEnvelope, options: WireTextOptions = {}): string {
  return list([
    nstring(envelope.date),
    headerText(envelope.subject, options),
    addresses(envelope.from, options),
    // RFC 3501 §7.4.2: sender and reply-to default to from.
    addresses(envelope.sender?.length ? envelope.sender : envelope.from, options),
    addresses(envelope.replyTo?.length ? envelope.replyTo : envelope.from, options),
    addresses(envelope.to, options),
    addresses(envelope.cc, options),
    addresses(envelope.bcc, options),
    nstring(envelope.inReplyTo),
    nstring(envelope.messageId),
  ]);
}
