import { buildEnvelope, EMPTY_ENVELOPE } from './envelope';
import { parseParameterized } from './header-parameters';
import type { BodyDisposition, BodyStructure, SinglePartStructure } from './message.model';
import type { MimePart } from './mime-structure.parser';

function disposition(part: MimePart): BodyDisposition | null {
  const value = part.headers.get('content-disposition');
  if (value === null) return null;
  const parsed = parseParameterized(value);
  return parsed.value ? { type: parsed.value, params: parsed.params } : null;
}

function language(part: MimePart): string[] | null {
  const value = part.headers.get('content-language');
  if (value === null) return null;
  const tags = value
    .replace(/\([^)]*\)/g, ' ')
    .split(/[,\s]+/)
    .filter((t) => t.length > 0);
  return tags.length > 0 ? tags : null;
}

function extension(part: MimePart) {
  return { disposition: disposition(part), language: language(part), location: part.headers.get('content-location') };
}

const EMPTY_TEXT: SinglePartStructure = {
  kind: 'single',
  type: 'text',
  subtype: 'plain',
  params: [['charset', 'us-ascii']],
  id: null,
  description: null,
  encoding: '7BIT',
  size: 0,
  lines: 0,
  md5: null,
  message: null,
  disposition: null,
  language: null,
  location: null,
};

/**
 * The IMAP BODYSTRUCTURE of a parsed part (RFC 3501 §7.4.2): sizes in octets of the encoded body, line counts
 * for text and message parts, the encapsulated message's envelope and structure for message/rfc822.
 */
export function buildBodyStructure(part: MimePart): BodyStructure {
  if (part.type === 'multipart') {
    // body-type-mpart needs at least one part: a multipart whose parts never came shows one empty text part.
    const parts = part.children.length > 0 ? part.children.map(buildBodyStructure) : [EMPTY_TEXT];
    return { kind: 'multipart', subtype: part.subtype, parts, params: part.params, ...extension(part) };
  }
  // An encapsulated message in base64 or quoted-printable cannot be read in place: it is shown as a basic part.
  const isMessage =
    part.type === 'message' &&
    (part.subtype === 'rfc822' || part.subtype === 'global') &&
    ['7bit', '8bit', 'binary'].includes(part.encoding);
  const inner = part.message;
  return {
    kind: 'single',
    type: part.type,
    subtype: part.subtype,
    params: part.params,
    id: part.headers.get('content-id'),
    description: part.headers.get('content-description'),
    encoding: part.encoding.toUpperCase(),
    size: part.bodyEnd - part.bodyStart,
    lines: part.type === 'text' || isMessage ? part.bodyLines : null,
    md5: part.headers.get('content-md5'),
    message: isMessage
      ? inner
        ? { envelope: buildEnvelope(inner.headers), body: buildBodyStructure(inner) }
        : { envelope: EMPTY_ENVELOPE, body: EMPTY_TEXT }
      : null,
    ...extension(part),
  };
}
