import { parseAddressList } from '../address/address-parser';
import { formatMailbox } from '../address/address-formatter';
import { buildBodyStructure } from './body-structure';
import { decodeUnstructured } from './encoded-text';
import { buildEnvelope } from './envelope';
import type { HeaderFields } from './header-fields';
import type { MessageHeaderSummary, MessageSummary } from './message.model';
import { parseMimeStructure, type MimeParserOptions } from './mime-structure.parser';

/** Display form of an address header: mailboxes formatted, groups flattened; unreadable headers decoded as text. */
function displayAddresses(value: string | null): string {
  if (value === null) return '';
  const parsed = parseAddressList(value);
  if (!parsed.ok) return decodeUnstructured(value);
  const mailboxes = parsed.value.flatMap((a) => (a.kind === 'group' ? a.members : [a]));
  return mailboxes.map((m) => formatMailbox(m, { utf8: true })).join(', ');
}

const MSG_ID = /<[^<>\s]+>/g;

/** RFC 5322 §3.3 date-time, read leniently: comments such as "(CEST)" dropped; null when unreadable. */
export function parseMessageDate(value: string | null): Date | null {
  if (value === null) return null;
  const cleaned = value
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const time = Date.parse(cleaned);
  return Number.isNaN(time) ? null : new Date(time);
}

export function summarizeHeaders(headers: HeaderFields): MessageHeaderSummary {
  const messageId = headers.get('message-id');
  const inReplyTo = headers.get('in-reply-to');
  return {
    messageId: messageId?.match(MSG_ID)?.[0] ?? (messageId || null),
    subject: decodeUnstructured(headers.get('subject') ?? ''),
    from: displayAddresses(headers.get('from')),
    to: displayAddresses(headers.get('to')),
    cc: displayAddresses(headers.get('cc')),
    date: parseMessageDate(headers.get('date')),
    inReplyTo: inReplyTo?.match(MSG_ID)?.[0] ?? (inReplyTo || null),
    references: headers.getAll('references').flatMap((v) => v.match(MSG_ID) ?? []),
  };
}

/**
 * Reads a raw message once, from memory or as a stream, and returns what a mail store keeps about it: size,
 * decoded header fields, the IMAP ENVELOPE and BODYSTRUCTURE, and the body text for full-text search.
 * Never throws on malformed input.
 */
export async function summarizeMessage(
  source: Buffer | Iterable<Buffer> | AsyncIterable<Buffer>,
  options?: MimeParserOptions,
): Promise<MessageSummary> {
  const { root, size, text } = await parseMimeStructure(source, options);
  return {
    size,
    headers: summarizeHeaders(root.headers),
    envelope: buildEnvelope(root.headers),
    bodyStructure: buildBodyStructure(root),
    text,
  };
}
