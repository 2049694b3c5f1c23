import type { HeaderField } from './message.model';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Header bytes as text: UTF-8 when they are valid UTF-8 (RFC 6532 allows it), Latin-1 otherwise, so that
 * 8-bit headers from old mailers still read as something instead of failing.
 */
export function headerText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}

// RFC 5322 §3.6.8: ftext is printable ASCII except ":".
const FIELD_NAME = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;

/**
 * Parses the lines of a header block (without their line terminators) into fields. A line starting with white
 * space continues the previous field (RFC 5322 §2.2.3 unfolding: the CRLF is removed, the white space kept).
 * Lines that are neither a field nor a continuation (an mbox "From " line, garbage) are skipped.
 */
export function parseHeaderLines(lines: readonly Uint8Array[]): HeaderField[] {
  const fields: Array<{ name: string; value: string }> = [];
  for (const raw of lines) {
    const line = headerText(raw);
    if (line.length === 0) continue;
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      const last = fields[fields.length - 1];
      if (last) last.value += line;
      continue;
    }
    const match = FIELD_NAME.exec(line);
    if (!match) continue;
    fields.push({ name: match[1], value: line.slice(match[0].length) });
  }
  return fields.map((f) => ({ name: f.name, value: f.value.trim() }));
}

/** Case-insensitive look-ups over a parsed header block. */
export class HeaderFields {
  constructor(readonly fields: readonly HeaderField[]) {}

  /** The first field of that name (RFC 5322 allows most only once; the first wins, as most readers do). */
  get(name: string): string | null {
    const key = name.toLowerCase();
    for (const f of this.fields) if (f.name.toLowerCase() === key) return f.value;
    return null;
  }

  getAll(name: string): string[] {
    const key = name.toLowerCase();
    return this.fields.filter((f) => f.name.toLowerCase() === key).map((f) => f.value);
  }
}
