import type { CommandArgs } from '../parser/command-args';
import { ImapSyntaxError } from '../parser/imap-value';

/**
 * Mailbox names on the wire. RFC 3501 §5.1.3: names are sent in modified UTF-7 (printable US-ASCII
 * stands for itself, "&" is "&-", anything else is "&" + base64 of UTF-16BE with "," for "/" + "-").
 * After ENABLE UTF8=ACCEPT (RFC 6855 §3) names travel as raw UTF-8 instead. "INBOX" is
 * case-insensitive (RFC 3501 §5.1): the backend always sees it upper-case.
 */
export interface MailboxNameOptions {
  /** UTF8=ACCEPT is enabled on the session. */
  readonly utf8?: boolean;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';

/** Printable US-ASCII other than "&" represents itself in modified UTF-7. */
function direct(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

/** The name the backend sees: "INBOX" in any case becomes "INBOX". */
export function normaliseInbox(name: string): string {
  return name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
}

/** Encodes a Unicode mailbox name for a response (LIST, STATUS, COPYUID targets are not names). */
export function encodeMailboxName(name: string, options: MailboxNameOptions = {}): string {
  if (options.utf8) return name;
  let out = '';
  let pending: number[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const bytes = Buffer.alloc(pending.length * 2);
    pending.forEach((unit, i) => bytes.writeUInt16BE(unit, i * 2));
    out += `&${base64(bytes)}-`;
    pending = [];
  };
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (direct(code)) {
      flush();
      out += code === 0x26 ? '&-' : name[i];
    } else {
      pending.push(code);
    }
  }
  flush();
  return out;
}

/**
 * Decodes a mailbox name from a command. Malformed modified UTF-7 (bad base64, non-zero padding bits,
 * an encoded run of characters that should have been direct, an unterminated shift) is a syntax error:
 * accepting several spellings of one name would let clients create look-alike mailboxes.
 */
export function decodeMailboxName(wire: string, options: MailboxNameOptions = {}): string {
  if (options.utf8) return normaliseInbox(wire);
  let out = '';
  let i = 0;
  while (i < wire.length) {
    const c = wire.charCodeAt(i);
    if (!direct(c)) throw new ImapSyntaxError('Mailbox name is not valid modified UTF-7');
    if (c !== 0x26) {
      out += wire[i++];
      continue;
    }
    const end = wire.indexOf('-', i + 1);
    if (end < 0) throw new ImapSyntaxError('Unterminated "&" in mailbox name');
    if (end === i + 1) {
      out += '&';
      i = end + 1;
      continue;
    }
    out += decodeShifted(wire.slice(i + 1, end));
    i = end + 1;
  }
  return normaliseInbox(out);
}

/** Reads a mailbox argument (RFC 3501 §9 mailbox = "INBOX" / astring) and decodes it for the backend. */
export function mailboxArgument(args: CommandArgs, enabled: ReadonlySet<string>): string {
  return decodeMailboxName(args.astring(), { utf8: enabled.has('UTF8=ACCEPT') });
}

function base64(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += B64[(value >> bits) & 0x3f];
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += B64[(value << (6 - bits)) & 0x3f];
  return out;
}

function decodeShifted(text: string): string {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const index = B64.indexOf(ch);
    if (index < 0) throw new ImapSyntaxError('Invalid base64 in mailbox name');
    value = (value << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
      value &= (1 << bits) - 1;
    }
  }
  // RFC 3501 §5.1.3 / RFC 2152: leftover bits are padding and must be zero; a half UTF-16 unit is an error.
  if (value !== 0 || bits >= 6 || bytes.length % 2 !== 0) {
    throw new ImapSyntaxError('Invalid modified UTF-7 padding in mailbox name');
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    const unit = (bytes[i] << 8) | bytes[i + 1];
    if (direct(unit)) throw new ImapSyntaxError('Modified UTF-7 encodes a character that must be sent directly');
    out += String.fromCharCode(unit);
  }
  if (LONE_SURROGATE.test(out)) throw new ImapSyntaxError('Mailbox name has an unpaired surrogate');
  return out;
}
