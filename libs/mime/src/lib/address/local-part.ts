import { MAX_LOCAL_PART_OCTETS, utf8Length } from './address-limits';
import { isAscii, isAtext, isControl, isDotAtom, isSurrogate } from './char-class';
import { tokenize } from './address-tokenizer';

/**
 * Written form of a local-part value: as is when it is a dot-atom, else a quoted-string with `"` and `\`
 * escaped (RFC 5321 §4.1.2: a local part SHOULD only be quoted when it has to be).
 */
export function formatLocalPart(value: string): string {
  return isDotAtom(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Why a local-part value cannot be sent over SMTP, or null when it can. RFC 5321 §4.1.2 qtextSMTP and
 * quoted-pairSMTP only carry printable ASCII and space, plus UTF-8 under RFC 6531 §3.3; no tabs or controls.
 */
export function localPartValueError(value: string): string | null {
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isControl(cp) || isSurrogate(cp))
      return 'Local part contains a character that SMTP cannot carry (tab or control)';
  }
  if (utf8Length(formatLocalPart(value)) > MAX_LOCAL_PART_OCTETS) {
    return `Local part exceeds ${MAX_LOCAL_PART_OCTETS} octets (RFC 5321 §4.5.3.1.1)`;
  }
  return null;
}

/**
 * True when `text` is a valid written local part: a dot-atom or an SMTP quoted-string (RFC 5321 §4.1.2,
 * UTF-8 per RFC 6531), at most 64 octets as written.
 */
export function isValidLocalPart(text: string): boolean {
  if (typeof text !== 'string' || utf8Length(text) > MAX_LOCAL_PART_OCTETS) return false;
  if (isDotAtom(text)) return true;
  const tokens = tokenize(text, 'smtp');
  return tokens.ok && tokens.value.length === 2 && tokens.value[0]?.kind === 'quoted';
}

export interface LocalPartAtomOptions {
  /** Keep non-ASCII letters (RFC 6531 atext). Default false: plain ASCII, deliverable without SMTPUTF8. */
  readonly allowUnicode?: boolean;
}

/** Letters that NFKD does not decompose into base letter + mark, spelled the way directories usually do. */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
};

/**
 * Turns arbitrary text (a given name, a surname, a whole expanded `%g.%s` template) into a dot-atom local part:
 * diacritics stripped (NFKD minus combining marks), non-atext dropped, dots collapsed and trimmed, cut to
 * 64 octets. With `allowUnicode` accents and other scripts are kept (RFC 6531 local parts). Returns '' when nothing usable is left so the caller can fall back to another template.
 */
export function toLocalPartAtom(text: string, options: LocalPartAtomOptions = {}): string {
  if (typeof text !== 'string') return '';
  const asciiOnly = options.allowUnicode !== true;
  // Unicode mode keeps accents (NFKC only folds compatibility forms); ASCII mode strips them.
  const folded = asciiOnly ? text.normalize('NFKD').replace(/\p{M}/gu, '') : text.normalize('NFKC');
  let out = '';
  for (const ch of folded) {
    const mapped = asciiOnly ? (TRANSLITERATIONS[ch] ?? ch) : ch;
    for (const part of mapped) {
      if (part === '.' || isAtext(part.codePointAt(0) ?? 0, asciiOnly)) out += part;
    }
  }
  out = trimDots(out.replace(/\.{2,}/g, '.'));
  return trimDots(truncateOctets(out, MAX_LOCAL_PART_OCTETS));
}

function trimDots(text: string): string {
  return text.replace(/^\.+|\.+$/g, '');
}

/** Cuts at a code point boundary so no UTF-8 sequence is split. */
function truncateOctets(text: string, maxOctets: number): string {
  if (isAscii(text)) return text.slice(0, maxOctets);
  let out = '';
  let octets = 0;
  for (const ch of text) {
    octets += utf8Length(ch);
    if (octets > maxOctets) break;
    out += ch;
  }
  return out;
}
