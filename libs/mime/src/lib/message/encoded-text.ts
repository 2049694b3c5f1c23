/** RFC 2047 encoded-words in unstructured header text (Subject, Comments, Content-Description: RFC 2047 §5 (1)). */

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[A-Za-z0-9-]*)?\?([BbQq])\?([^?\s]*)\?=/g;

function decodeQ(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

/** Decodes bytes in a named charset; unknown charsets fall back to UTF-8 (with replacement characters). */
export function decodeCharset(bytes: Uint8Array, charset: string | null | undefined): string {
  const name = (charset ?? '').trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(name === 'us-ascii' || name === 'ascii' ? 'utf-8' : name).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * Decodes the encoded-words of an unstructured header value. White space between two adjacent encoded-words is
 * dropped (RFC 2047 §6.2), and adjacent words in the same charset are joined at the byte level first, because
 * mailers split a multi-byte character across two words. Malformed words stay as written; this never throws.
 */
export function decodeUnstructured(value: string): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = (): void => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  for (const match of value.matchAll(ENCODED_WORD)) {
    const [word, charsetRaw = '', encoding = '', text = ''] = match;
    const index = match.index ?? 0;
    const between = value.slice(last, index);
    const charset = charsetRaw.toLowerCase();
    const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQ(text);
    const adjacent = pending !== null && /^[ \t\r\n]*$/.test(between);
    if (!adjacent) {
      flush();
      out += between;
    }
    const current = pending as { charset: string; bytes: Buffer[] } | null;
    if (current && current.charset === charset) current.bytes.push(bytes);
    else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    last = index + word.length;
  }
  flush();
  return out + value.slice(last);
}
