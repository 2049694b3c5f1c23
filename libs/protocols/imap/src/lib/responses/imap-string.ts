import { ASTRING_SAFE, QUOTABLE, QUOTABLE_UTF8 } from '../parser/imap-chars';

/**
 * Strings on the wire (RFC 3501 §4.3, §9): a quoted string when the value is short and has no CR, LF,
 * NUL or (without UTF8=ACCEPT, RFC 6855) 8-bit bytes; a literal otherwise. NIL for null.
 */
const MAX_QUOTED = 1024;

export function imapString(value: string, options: { utf8?: boolean } = {}): string {
  const quotable = options.utf8 ? QUOTABLE_UTF8 : QUOTABLE;
  if (value.length <= MAX_QUOTED && quotable.test(value)) return quoted(value);
  return `{${Buffer.byteLength(value, 'utf8')}}\r\n${value}`;
}

export function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function nstring(value: string | null | undefined, options: { utf8?: boolean } = {}): string {
  return value === null || value === undefined ? 'NIL' : imapString(value, options);
}

/** An astring: bare when it is a safe atom (ASTRING-CHAR, RFC 3501 §9), otherwise a string. */
export function astring(value: string, options: { utf8?: boolean } = {}): string {
  return ASTRING_SAFE.test(value) && value.toUpperCase() !== 'NIL' ? value : imapString(value, options);
}

/** A parenthesised list of already-serialised items. */
export function list(items: readonly string[]): string {
  return `(${items.join(' ')})`;
}
