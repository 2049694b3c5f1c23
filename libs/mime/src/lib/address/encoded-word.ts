/** RFC 2047 encoded-words (`=?charset?Q|B?text?=`) as they appear in display names (RFC 2047 §5 (3)). */

interface DecodedWord {
  readonly charset: string;
  readonly bytes: Buffer;
}

/** A word of an RFC 5322 phrase: atom, quoted-string content, or an obs-phrase "." (RFC 5322 §4.1). */
export interface PhraseWord {
  readonly kind: 'atom' | 'quoted' | 'dot';
  readonly text: string;
  readonly spaceBefore: boolean;
}

// charset is an RFC 2047 §2 token (an RFC 2231 §5 "*language" suffix is ignored); encoded-text excludes "?" and space.
const ENCODED_WORD = /^=\?([A-Za-z0-9!#$%&'+^_`{|}~-]+)(?:\*[A-Za-z0-9-]*)?\?([BbQq])\?([\x21-\x3e\x40-\x7e]*)\?=$/;
const MAX_ENCODED_WORD = 75; // RFC 2047 §2
const PREFIX_Q = '=?UTF-8?Q?';
const PREFIX_B = '=?UTF-8?B?';
const MAX_PAYLOAD = MAX_ENCODED_WORD - PREFIX_Q.length - 2;

/** Decodes one encoded-word, or returns null when it is not one (or its charset is unknown: RFC 2047 §6.3 shows it as is). */
function decodeWord(word: string): DecodedWord | null {
  const match = ENCODED_WORD.exec(word);
  if (!match) return null;
  const [, rawCharset = '', encoding = '', text = ''] = match;
  const charset = rawCharset.toLowerCase();
  if (!isKnownCharset(charset)) return null;
  const bytes = encoding.toUpperCase() === 'B' ? decodeBase64(text) : decodeQ(text);
  return bytes ? { charset, bytes } : null;
}

function decodeBase64(text: string): Buffer | null {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) ? Buffer.from(text, 'base64') : null;
}

/** RFC 2047 §4.2: "_" is a space, "=XX" a hex octet, anything else itself. */
function decodeQ(text: string): Buffer | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

function isKnownCharset(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

function decodeBytes(word: DecodedWord): string {
  // ignoreBOM keeps a leading U+FEFF as text: it belongs to the name, not to a byte stream.
  return new TextDecoder(word.charset, { ignoreBOM: true }).decode(word.bytes);
}

/** Quoted strings are not meant to hold encoded-words (RFC 2047 §5 (3)), but common mailers do it; accept when all of it is. */
function splitQuoted(word: PhraseWord): PhraseWord[] {
  const pieces = word.text.split(/[ \t]+/).filter((piece) => piece.length > 0);
  if (pieces.length === 0 || !pieces.every((piece) => decodeWord(piece) !== null)) return [word];
  return pieces.map((text, i) => ({ kind: 'atom', text, spaceBefore: i === 0 ? word.spaceBefore : true }));
}

/**
 * Joins phrase words into display text. CFWS between words counts as one space (RFC 5322 §3.2.2), except between
 * adjacent encoded-words, where it is dropped (RFC 2047 §6.2). Adjacent encoded-words in one charset are decoded
 * together so a character split across two words still comes out whole.
 */
export function decodePhrase(words: readonly PhraseWord[]): string {
  let out = '';
  let pending: DecodedWord | null = null;
  const flush = (): void => {
    if (pending) out += decodeBytes(pending);
    pending = null;
  };
  let previousEncoded = false;
  for (const word of words.flatMap((w) => (w.kind === 'quoted' ? splitQuoted(w) : [w]))) {
    const decoded = word.kind === 'atom' ? decodeWord(word.text) : null;
    const separated = word.spaceBefore && (out.length > 0 || pending !== null);
    if (decoded && previousEncoded && pending && pending.charset === decoded.charset) {
      pending = { charset: pending.charset, bytes: Buffer.concat([pending.bytes, decoded.bytes]) };
    } else {
      flush();
      if (separated && !(decoded && previousEncoded)) out += ' ';
      if (decoded) pending = decoded;
      else out += word.text;
    }
    previousEncoded = decoded !== null;
  }
  flush();
  return out;
}

/** True when `text` must be RFC 2047-encoded to survive: it could otherwise be mistaken for an encoded-word. */
export function looksEncoded(text: string): boolean {
  return text.includes('=?');
}

/** RFC 2047 §5 (3): in a phrase, Q may only leave letters, digits and "!*+-/" unencoded; "_" stands for space. */
function qEncodeChar(ch: string): string {
  if (/^[A-Za-z0-9!*+/-]$/.test(ch)) return ch;
  if (ch === ' ') return '_';
  return Array.from(Buffer.from(ch, 'utf8'), (b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * Encodes text as UTF-8 encoded-words for a phrase, in Q or B (whichever fits the text better), each word at most
 * 75 characters and holding whole characters only (RFC 2047 §2, §5).
 */
export function encodePhrase(text: string): string {
  const chars = Array.from(text);
  const qLength = chars.reduce((sum, ch) => sum + qEncodeChar(ch).length, 0);
  const bLength = Math.ceil(Buffer.byteLength(text, 'utf8') / 3) * 4;
  // Q stays human-readable for mostly-Latin names, so it wins unless it is clearly longer.
  return qLength <= bLength * 1.5 ? encodeQ(chars) : encodeB(chars);
}

function encodeQ(chars: readonly string[]): string {
  const words: string[] = [];
  let current = '';
  for (const ch of chars) {
    const piece = qEncodeChar(ch);
    if (current.length > 0 && current.length + piece.length > MAX_PAYLOAD) {
      words.push(`${PREFIX_Q}${current}?=`);
      current = '';
    }
    current += piece;
  }
  words.push(`${PREFIX_Q}${current}?=`);
  return words.join(' ');
}

function encodeB(chars: readonly string[]): string {
  const maxBytes = Math.floor(MAX_PAYLOAD / 4) * 3;
  const words: string[] = [];
  let current: Buffer[] = [];
  let size = 0;
  const flush = (): void => {
    words.push(`${PREFIX_B}${Buffer.concat(current).toString('base64')}?=`);
    current = [];
    size = 0;
  };
  for (const ch of chars) {
    const bytes = Buffer.from(ch, 'utf8');
    if (size > 0 && size + bytes.length > maxBytes) flush();
    current.push(bytes);
    size += bytes.length;
  }
  flush();
  return words.join(' ');
}
