import type { BodySection } from '@estafette/protocols-imap';
import { decodeTransferEncoding, parseMimeStructure, type MimePart } from '@estafette/mime';

/** A located part: its header block and its body, as offsets in the raw message. */
interface Located {
  part: MimePart;
  headerStart: number;
}

/** Where the header of child `index` of a multipart starts: after the (index+1)-th delimiter line (RFC 2046 §5.1.1). */
function childHeaderStart(raw: Buffer, parent: MimePart, index: number): number | null {
  const boundary = parent.paramMap.get('boundary');
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  let seen = -1;
  let at = parent.bodyStart;
  while (at < parent.bodyEnd) {
    const found = raw.indexOf(delimiter, at);
    if (found < 0 || found >= parent.bodyEnd) return null;
    const lineStart = found === 0 || raw[found - 1] === 0x0a;
    const eol = raw.indexOf(0x0a, found);
    const next = eol < 0 ? raw.length : eol + 1;
    if (lineStart) {
      seen++;
      if (seen === index) return next;
    }
    at = next;
  }
  return null;
}

/** RFC 3501 §6.4.5: part numbers walk multiparts; the parts of a message/rfc822 part are its message's. */
function locate(raw: Buffer, root: MimePart, numbers: readonly number[]): Located | null {
  let current: Located = { part: root, headerStart: 0 };
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i];
    let container = current;
    if (i > 0 && current.part.message) container = { part: current.part.message, headerStart: current.part.bodyStart };
    if (container.part.type === 'multipart') {
      const child = container.part.children[n - 1];
      if (!child) return null;
      const headerStart = childHeaderStart(raw, container.part, n - 1) ?? child.bodyStart;
      current = { part: child, headerStart };
    } else if (n === 1) {
      current = container;
    } else {
      return null;
    }
  }
  return current;
}

/** Header fields of a header block, each with its continuation lines (RFC 5322 §2.2.3). */
function headerFields(block: Buffer): Array<{ name: string; bytes: Buffer }> {
  const fields: Array<{ name: string; bytes: Buffer }> = [];
  let start = 0;
  while (start < block.length) {
    let end = block.indexOf(0x0a, start);
    end = end < 0 ? block.length : end + 1;
    // Continuation lines (leading space or tab) belong to the field before.
    while (end < block.length && (block[end] === 0x20 || block[end] === 0x09)) {
      const next = block.indexOf(0x0a, end);
      end = next < 0 ? block.length : next + 1;
    }
    const line = block.subarray(start, end);
    const colon = line.indexOf(0x3a);
    if (colon > 0) fields.push({ name: line.subarray(0, colon).toString('latin1').trim().toLowerCase(), bytes: line });
    start = end;
  }
  return fields;
}

/** HEADER.FIELDS / HEADER.FIELDS.NOT: the chosen fields, then the blank line (RFC 3501 §6.4.5). */
export function selectHeaderFields(block: Buffer, names: readonly string[], exclude: boolean): Buffer {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const chosen = headerFields(block).filter((f) => f.name !== '' && wanted.has(f.name) !== exclude);
  return Buffer.concat([...chosen.map((f) => f.bytes), Buffer.from('\r\n')]);
}

/** The header block of a message held in `raw` from `start`: up to and including the blank line. */
export function headerBlock(raw: Buffer, start = 0): Buffer {
  for (let i = start; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    if (raw[i + 1] === 0x0a) return raw.subarray(start, i + 2);
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return raw.subarray(start, i + 3);
  }
  return raw.subarray(start);
}

/**
 * The bytes of a FETCH BODY[section] (RFC 3501 §6.4.5) or BINARY[section] (RFC 3516) of a raw message,
 * before any <partial> range. Returns null when the part does not exist (the server answers NIL).
 */
export async function extractSection(raw: Buffer, section: BodySection): Promise<Buffer | null> {
  if (section.part.length === 0 && !section.binary) {
    if (section.specifier === 'ALL') return raw;
    const header = headerBlock(raw);
    if (section.specifier === 'HEADER') return header;
    if (section.specifier === 'TEXT') return raw.subarray(header.length);
    if (section.specifier !== 'MIME')
      return selectHeaderFields(header, section.fields ?? [], section.specifier === 'HEADER.FIELDS.NOT');
  }
  const { root } = await parseMimeStructure(raw);
  const located = locate(raw, root, section.part);
  if (!located) return null;
  const { part, headerStart } = located;
  switch (section.specifier) {
    case 'ALL': {
      const body = raw.subarray(part.bodyStart, part.bodyEnd);
      return section.binary ? decodeTransferEncoding(body, part.encoding) : body;
    }
    case 'MIME':
      return raw.subarray(headerStart, part.bodyStart);
    case 'HEADER':
    case 'HEADER.FIELDS':
    case 'HEADER.FIELDS.NOT':
    case 'TEXT': {
      // On a part, these address the message of a message/rfc822 part; on the whole message, the message.
      const message =
        section.part.length === 0
          ? { part: root, headerStart: 0 }
          : part.message
            ? { part: part.message, headerStart: part.bodyStart }
            : null;
      if (!message) return null;
      if (section.specifier === 'TEXT') return raw.subarray(message.part.bodyStart, message.part.bodyEnd);
      const block = raw.subarray(message.headerStart, message.part.bodyStart);
      if (section.specifier === 'HEADER') return block;
      return selectHeaderFields(block, section.fields ?? [], section.specifier === 'HEADER.FIELDS.NOT');
    }
  }
}
