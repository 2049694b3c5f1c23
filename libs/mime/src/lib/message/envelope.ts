import { parseAddressList } from '../address/address-parser';
import type { HeaderFields } from './header-fields';
import type { EnvelopeAddress, MessageEnvelope } from './message.model';

const GROUP_END: EnvelopeAddress = { name: null, adl: null, mailbox: null, host: null };

// A lenient addr-spec for headers the strict parser refuses: enough to show and search something.
const LOOSE_ADDRESS = /(?:"?([^"<>,;]*)"?\s*)?<?([^\s<>",;()@]+)@([^\s<>",;()]+?)>?(?=$|[\s,;])/g;

function looseAddresses(value: string): EnvelopeAddress[] {
  const found: EnvelopeAddress[] = [];
  for (const match of value.matchAll(LOOSE_ADDRESS)) {
    const name = (match[1] ?? '').trim();
    found.push({ name: name || null, adl: null, mailbox: match[2] ?? null, host: match[3] ?? null });
  }
  return found;
}

/** The addresses of one header as ENVELOPE address lists: null for a missing or empty header (RFC 3501 NIL). */
export function envelopeAddresses(value: string | null): EnvelopeAddress[] | null {
  if (value === null || value.trim() === '') return null;
  const parsed = parseAddressList(value);
  if (!parsed.ok) {
    const loose = looseAddresses(value);
    return loose.length > 0 ? loose : null;
  }
  const list: EnvelopeAddress[] = [];
  for (const address of parsed.value) {
    if (address.kind === 'group') {
      // RFC 3501 §7.4.2: a group is [NIL NIL groupname NIL], its members, then [NIL NIL NIL NIL].
      list.push({ name: null, adl: null, mailbox: address.name, host: null });
      for (const m of address.members)
        list.push({ name: m.displayName ?? null, adl: null, mailbox: m.localPart, host: m.domain });
      list.push(GROUP_END);
    } else {
      list.push({ name: address.displayName ?? null, adl: null, mailbox: address.localPart, host: address.domain });
    }
  }
  return list.length > 0 ? list : null;
}

/** The IMAP ENVELOPE of a header block (RFC 3501 §7.4.2). */
export function buildEnvelope(headers: HeaderFields): MessageEnvelope {
  const from = envelopeAddresses(headers.get('from'));
  const text = (name: string): string | null => headers.get(name);
  return {
    date: text('date'),
    subject: text('subject'),
    from,
    // "If the Sender or Reply-To lines are absent in the [RFC-2822] header, or are present but empty, the
    // server sets the corresponding member of the envelope to be the same value as the from member."
    sender: envelopeAddresses(headers.get('sender')) ?? from,
    replyTo: envelopeAddresses(headers.get('reply-to')) ?? from,
    to: envelopeAddresses(headers.get('to')),
    cc: envelopeAddresses(headers.get('cc')),
    bcc: envelopeAddresses(headers.get('bcc')),
    inReplyTo: text('in-reply-to'),
    messageId: text('message-id'),
  };
}

/** An envelope with every field NIL, for an encapsulated message that has no header at all. */
export const EMPTY_ENVELOPE: MessageEnvelope = {
  date: null,
  subject: null,
  from: null,
  sender: null,
  replyTo: null,
  to: null,
  cc: null,
  bcc: null,
  inReplyTo: null,
  messageId: null,
};
