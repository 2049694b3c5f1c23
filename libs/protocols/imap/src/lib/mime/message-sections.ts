import type { BodySection } from '../backend/imap-backend';

/**
 * BODY[section] of a raw message (RFC 3501 §6.4.5): the bytes a section-spec names, for backends that
 * keep the message as it arrived. Part numbers walk multiparts (part n is the n-th body part), a
 * message/rfc822 part continues into the encapsulated message, and a non-multipart message or part
 * has itself as part 1. A part that does not exist yields no bytes (servers answer "" or NIL; empty
 * is the safe one for clients that expect a string).
 */
export function extractSection(raw: Buffer, section: BodySection): Buffer {
  const content = sectionContent(raw, section);
  if (!section.partial) return content;
  const { offset, length } = section.partial;
  return content.subarray(Math.min(offset, content.length), Math.min(offset + length, content.length));
}

/** A MIME entity inside the raw message: [start, bodyStart) is its header, [bodyStart, end) its body. */
interface Entity {
  readonly start: number;
  readonly bodyStart: number;
  readonly end: number;
  /** A body part of a multipart/digest, whose default type is message/rfc822 (RFC 2046 §5.1.5). */
  readonly inDigest?: boolean;
}

const EMPTY = Buffer.alloc(0);

function sectionContent(raw: Buffer, section: BodySection): Buffer {
  const root = entityAt(raw, 0, raw.length);
  // `message` is the entity whose HEADER/TEXT the specifier addresses; `part` the addressed body part.
  let message: Entity | null = root;
  let part: Entity = root;
  let partIsRoot = true;
  for (const number of section.part) {
    // Descending from a message/rfc822 part: the numbers continue in the encapsulated message.
    const container: Entity | null = partIsRoot ? part : encapsulated(raw, part);
    const parentOfChildren = container ?? part;
    const children = childrenOf(raw, parentOfChildren);
    if (children) {
      const child = children[number - 1];
      if (!child) return EMPTY;
      part = child;
    } else if (number === 1 && (partIsRoot || container)) {
      // A non-multipart message (the top level or an encapsulated one) has its body as part 1.
      part = parentOfChildren;
    } else {
      return EMPTY;
    }
    partIsRoot = false;
    message = encapsulated(raw, part);
  }
  const target = section.part.length === 0 ? root : message;
  switch (section.specifier) {
    case 'ALL':
      return section.part.length === 0 ? raw : raw.subarray(part.bodyStart, part.end);
    case 'MIME':
      return section.part.length === 0 ? EMPTY : raw.subarray(part.start, part.bodyStart);
    case 'HEADER':
      return target ? raw.subarray(target.start, target.bodyStart) : EMPTY;
    case 'TEXT':
      return target ? raw.subarray(target.bodyStart, target.end) : EMPTY;
    case 'HEADER.FIELDS':
    case 'HEADER.FIELDS.NOT':
      return target
        ? filterHeader(raw.subarray(target.start, target.bodyStart), section.fields ?? [], section.specifier)
        : EMPTY;
  }
}

/** Finds where an entity's header ends (after the empty line) within [start, end). */
function entityAt(raw: Buffer, start: number, end: number): Entity {
  // An entity that starts with an empty line has an empty header.
  if (raw[start] === 0x0d && raw[start + 1] === 0x0a) return { start, bodyStart: start + 2, end };
  if (raw[start] === 0x0a) return { start, bodyStart: start + 1, end };
  let i = start;
  while (i < end) {
    const nl = raw.indexOf(0x0a, i);
    if (nl < 0 || nl >= end) break;
    const next = nl + 1;
    if (raw[next] === 0x0a && next < end) return { start, bodyStart: next + 1, end };
    if (raw[next] === 0x0d && raw[next + 1] === 0x0a && next + 1 < end) return { start, bodyStart: next + 2, end };
    i = next;
  }
  // No empty line: all header, no body.
  return { start, bodyStart: end, end };
}

/** Unfolded header fields of a header block, with the raw text of each (continuation lines included). */
export function headerFieldsOf(header: Buffer): { name: string; raw: Buffer }[] {
  const fields: { name: string; raw: Buffer }[] = [];
  let i = 0;
  while (i < header.length) {
    let end = header.indexOf(0x0a, i);
    end = end < 0 ? header.length : end + 1;
    // Continuation lines start with whitespace (RFC 5322 §2.2.3).
    while (end < header.length && (header[end] === 0x20 || header[end] === 0x09)) {
      const nl = header.indexOf(0x0a, end);
      end = nl < 0 ? header.length : nl + 1;
    }
    const line = header.subarray(i, end);
    const colon = line.indexOf(0x3a);
    if (colon > 0) fields.push({ name: line.subarray(0, colon).toString('latin1').trim().toLowerCase(), raw: line });
    i = end;
  }
  return fields;
}

const CRLF = Buffer.from('\r\n');

function filterHeader(header: Buffer, names: readonly string[], specifier: string): Buffer {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const keep = specifier === 'HEADER.FIELDS';
  const lines = headerFieldsOf(header)
    .filter((f) => wanted.has(f.name) === keep)
    .map((f) => (f.raw[f.raw.length - 1] === 0x0a ? f.raw : Buffer.concat([f.raw, CRLF])));
  // RFC 3501 §6.4.5: the subset of the header, followed by the blank line that ends a header.
  return Buffer.concat([...lines, CRLF]);
}

interface ContentType {
  readonly type: string;
  readonly subtype: string;
  readonly boundary: string | null;
}

function contentTypeOf(raw: Buffer, entity: Entity): ContentType {
  const field = headerFieldsOf(raw.subarray(entity.start, entity.bodyStart)).find((f) => f.name === 'content-type');
  // RFC 2046 §5.1.5: in multipart/digest the default type is message/rfc822.
  const fallback = entity.inDigest
    ? { type: 'message', subtype: 'rfc822', boundary: null }
    : { type: 'text', subtype: 'plain', boundary: null };
  if (!field) return fallback;
  const value = field.raw
    .toString('latin1')
    .replace(/^[^:]*:/, '')
    .replace(/\r?\n[ \t]/g, ' ');
  const match = /^\s*([^\s/;]+)\s*\/\s*([^\s;]+)/.exec(value);
  if (!match) return fallback;
  const boundary = /;\s*boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/i.exec(value);
  return {
    type: match[1].toLowerCase(),
    subtype: match[2].toLowerCase(),
    boundary: boundary ? (boundary[1] ?? boundary[2]).replace(/\\(.)/g, '$1') : null,
  };
}

/** The encapsulated message of a message/rfc822 (or message/global) part, or null. */
function encapsulated(raw: Buffer, part: Entity): Entity | null {
  const type = contentTypeOf(raw, part);
  if (type.type !== 'message' || (type.subtype !== 'rfc822' && type.subtype !== 'global')) return null;
  return entityAt(raw, part.bodyStart, part.end);
}

/** The body parts of a multipart entity (RFC 2046 §5.1.1), or null when it is not a multipart. */
function childrenOf(raw: Buffer, entity: Entity): Entity[] | null {
  const type = contentTypeOf(raw, entity);
  if (type.type !== 'multipart' || !type.boundary) return null;
  const delimiter = Buffer.from(`--${type.boundary}`, 'latin1');
  const starts: { lineStart: number; contentStart: number; close: boolean }[] = [];
  let i = entity.bodyStart;
  while (i < entity.end) {
    const found = raw.indexOf(delimiter, i);
    if (found < 0 || found >= entity.end) break;
    const atLineStart = found === entity.bodyStart || raw[found - 1] === 0x0a;
    const after = found + delimiter.length;
    const close = raw[after] === 0x2d && raw[after + 1] === 0x2d;
    const nl = raw.indexOf(0x0a, after);
    const lineEnd = nl < 0 || nl >= entity.end ? entity.end : nl + 1;
    const rest = raw.subarray(close ? after + 2 : after, lineEnd).toString('latin1');
    if (atLineStart && /^[ \t]*\r?\n?$/.test(rest)) {
      // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
      let lineStart = found;
      if (lineStart > entity.bodyStart && raw[lineStart - 1] === 0x0a) lineStart--;
      if (lineStart > entity.bodyStart && raw[lineStart - 1] === 0x0d) lineStart--;
      starts.push({ lineStart, contentStart: lineEnd, close });
      if (close) break;
    }
    i = lineEnd;
  }
  const parts: Entity[] = [];
  const inDigest = type.subtype === 'digest';
  for (let k = 0; k < starts.length; k++) {
    if (starts[k].close) break;
    const start = starts[k].contentStart;
    const end = k + 1 < starts.length ? Math.max(start, starts[k + 1].lineStart) : entity.end;
    parts.push({ ...entityAt(raw, start, end), inDigest });
  }
  return parts;
}
