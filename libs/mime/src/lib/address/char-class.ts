/** Character classes of RFC 5322 §3.2, widened to UTF-8 by RFC 6532 §3.2. Arguments are code points. */

const ATEXT_SYMBOLS = new Set(Array.from("!#$%&'*+-/=?^_`{|}~", (c) => c.codePointAt(0) ?? 0));

export function isAsciiAtext(cp: number): boolean {
  return (
    (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || ATEXT_SYMBOLS.has(cp)
  );
}

/** C0, DEL and C1 controls: never allowed (obs-NO-WS-CTL is not accepted, see README). */
export function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

export function isSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

/** RFC 6532 §3.1 UTF8-non-ascii, minus C1 controls and lone surrogates (not encodable as UTF-8). */
export function isNonAsciiText(cp: number): boolean {
  return cp >= 0xa0 && !isSurrogate(cp);
}

export function isAtext(cp: number, asciiOnly = false): boolean {
  return isAsciiAtext(cp) || (!asciiOnly && isNonAsciiText(cp));
}

/** RFC 5234 WSP: space or horizontal tab. */
export function isWsp(cp: number): boolean {
  return cp === 0x20 || cp === 0x09;
}

/** Printable ASCII (VCHAR) or UTF-8 text: what may follow a backslash in a quoted-pair (RFC 5322 §3.2.1). */
export function isVisible(cp: number): boolean {
  return (cp > 0x20 && cp < 0x7f) || isNonAsciiText(cp);
}

/** True when every code point of `text` is atext (an RFC 5322 §3.2.3 atom). */
export function isAtom(text: string, asciiOnly = false): boolean {
  if (text.length === 0) return false;
  for (const ch of text) {
    if (!isAtext(ch.codePointAt(0) ?? 0, asciiOnly)) return false;
  }
  return true;
}

/** RFC 5322 §3.2.3 dot-atom-text: atoms joined by single dots. */
export function isDotAtom(text: string, asciiOnly = false): boolean {
  return text.split('.').every((atom) => isAtom(atom, asciiOnly));
}

export function isAscii(text: string): boolean {
  // Every UTF-16 unit below 0x80: plain ASCII, control characters included.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function describeCodePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
