/** One header field: its name as written and its value unfolded (RFC 5322 §2.2.3), without the leading space. */
export interface HeaderField {
  name: string;
  value: string;
}

/** A message's header section as read from the wire (bytes decoded as UTF-8, RFC 6532). */
export interface HeaderSection {
  fields: HeaderField[];
  /** All values of a field, in order (case-insensitive name). */
  values(name: string): string[];
  count(name: string): number;
}

const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/**
 * The offset where the header section ends (the first byte of the empty line) and where the body
 * starts, or null when the empty line has not arrived yet. CRLF and bare LF line ends both count.
 */
export function findHeaderEnd(data: Buffer): { headerEnd: number; bodyStart: number } | null {
  if (data[0] === 0x0a) return { headerEnd: 0, bodyStart: 1 };
  if (data[0] === 0x0d && data[1] === 0x0a) return { headerEnd: 0, bodyStart: 2 };
  let from = 0;
  for (;;) {
    const lf = data.indexOf(0x0a, from);
    if (lf < 0 || lf + 1 >= data.length) return null;
    if (data[lf + 1] === 0x0a) return { headerEnd: lf + 1, bodyStart: lf + 2 };
    if (data[lf + 1] === 0x0d) {
      if (lf + 2 >= data.length) return null;
      if (data[lf + 2] === 0x0a) return { headerEnd: lf + 1, bodyStart: lf + 3 };
    }
    from = lf + 1;
  }
}

/** Splits a header section into fields; lines that are neither fields nor continuations are skipped. */
export function parseHeaderSection(text: string): HeaderSection {
  const fields: HeaderField[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && fields.length > 0) {
      fields[fields.length - 1].value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trimEnd();
    if (!FIELD_NAME.test(name)) continue;
    fields.push({ name, value: line.slice(colon + 1).trim() });
  }
  return headerSection(fields);
}

export function headerSection(fields: HeaderField[]): HeaderSection {
  const byName = (name: string) => fields.filter((f) => f.name.toLowerCase() === name.toLowerCase());
  return {
    fields,
    values: (name) => byName(name).map((f) => f.value),
    count: (name) => byName(name).length,
  };
}

/**
 * Removes the named fields (with their continuation lines) from raw header bytes, keeping everything
 * else byte for byte.
 */
export function removeFields(raw: Buffer, names: readonly string[]): Buffer {
  if (names.length === 0) return raw;
  const drop = new Set(names.map((n) => n.toLowerCase()));
  const kept: Buffer[] = [];
  let dropping = false;
  let start = 0;
  while (start < raw.length) {
    const lf = raw.indexOf(0x0a, start);
    const end = lf < 0 ? raw.length : lf + 1;
    const line = raw.subarray(start, end);
    const first = line[0];
    if (first === 0x20 || first === 0x09) {
      if (!dropping) kept.push(line);
    } else {
      const colon = line.indexOf(0x3a);
      const name = colon > 0 ? line.subarray(0, colon).toString('latin1').trimEnd().toLowerCase() : '';
      dropping = drop.has(name);
      if (!dropping) kept.push(line);
    }
    start = end;
  }
  return Buffer.concat(kept);
}
