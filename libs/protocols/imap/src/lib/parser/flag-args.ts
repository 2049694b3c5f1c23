import { ImapSyntaxError, type ImapValue } from './imap-value';

/** System flags (RFC 3501 §2.3.2) in their canonical spelling; \Recent is server-managed. */
const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];

/** flag-keyword = atom: no atom-specials (RFC 3501 §9), so no "(", ")", "{", " ", "%", "*", '"', "\", "]". */
// eslint-disable-next-line no-control-regex -- the grammar excludes CTLs by code
const KEYWORD = /^[^\s(){%*"\\\]\x00-\x1f\x7f-\uffff]+$/;

/**
 * One flag of STORE or APPEND (RFC 3501 §9 "flag"): a system flag in any case, written canonically,
 * or a keyword. \Recent and \* cannot be set by a client; other backslash flags are unknown here.
 */
export function parseFlag(value: ImapValue): string {
  if (value.kind !== 'atom') throw new ImapSyntaxError('Expected a flag');
  const text = value.value;
  if (text.startsWith('\\')) {
    const known = SYSTEM_FLAGS.find((f) => f.toLowerCase() === text.toLowerCase());
    if (!known) throw new ImapSyntaxError(`Flag ${text.slice(0, 30)} cannot be set`);
    return known;
  }
  if (!KEYWORD.test(text)) throw new ImapSyntaxError('Invalid keyword');
  return text;
}

/** flag-list = "(" [flag *(SP flag)] ")" — duplicates removed, order kept. */
export function parseFlagList(values: readonly ImapValue[]): string[] {
  return [...new Set(values.map(parseFlag))];
}
