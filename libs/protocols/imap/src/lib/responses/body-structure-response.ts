import type { ImapBodyStructure, ImapDisposition } from '../backend/imap-backend';
import { envelopeResponse, type WireTextOptions } from './envelope-response';
import { imapString, list, nstring } from './imap-string';

/**
 * BODY and BODYSTRUCTURE (RFC 3501 §7.4.2, §9 "body"): BODY is the non-extensible form, BODYSTRUCTURE
 * adds the extension data (MD5, disposition, language, location; parameters of multiparts).
 */
export function bodyStructureResponse(
  body: ImapBodyStructure,
  extensible: boolean,
  options: WireTextOptions = {},
): string {
  if (body.kind === 'multipart') {
    const parts = body.parts.length > 0 ? body.parts : [EMPTY_TEXT_PART];
    const items = [parts.map((p) => bodyStructureResponse(p, extensible, options)).join(''), imapString(body.subtype)];
    if (extensible) {
      items.push(parameters(body.parameters), disposition(body.disposition), language(body.language));
      items.push(nstring(body.location));
    }
    return list(items);
  }
  const items = [
    imapString(body.type),
    imapString(body.subtype),
    parameters(body.parameters),
    nstring(body.id),
    nstring(body.description, options),
    imapString(body.encoding),
    String(body.size),
  ];
  if (body.message) {
    items.push(envelopeResponse(body.message.envelope, options));
    items.push(bodyStructureResponse(body.message.body, extensible, options));
    items.push(String(body.lines ?? 0));
  } else if (body.type.toLowerCase() === 'text') {
    items.push(String(body.lines ?? 0));
  }
  if (extensible) {
    items.push(nstring(body.md5), disposition(body.disposition), language(body.language), nstring(body.location));
  }
  return list(items);
}

/** A multipart needs at least one part on the wire (RFC 3501 §9 body-type-mpart = 1*body). */
const EMPTY_TEXT_PART: ImapBodyStructure = {
  kind: 'single',
  type: 'text',
  subtype: 'plain',
  parameters: {},
  id: null,
  description: null,
  encoding: '7bit',
  size: 0,
  lines: 0,
  md5: null,
  disposition: null,
  language: null,
  location: null,
};

function parameters(values: Readonly<Record<string, string>>): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return 'NIL';
  return list(entries.flatMap(([name, value]) => [imapString(name), imapString(value)]));
}

function disposition(value: ImapDisposition | null): string {
  return value ? list([imapString(value.type), parameters(value.parameters)]) : 'NIL';
}

function language(value: readonly string[] | null): string {
  return value && value.length > 0 ? list(value.map((l) => imapString(l))) : 'NIL';
}
