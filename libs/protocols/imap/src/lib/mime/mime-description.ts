import {
  buildBodyStructure,
  buildEnvelope,
  MimeStructureParser,
  type BodyDisposition,
  type BodyStructure,
  type MessageEnvelope,
} from '@estafette/mime';
import type { ImapBodyStructure, ImapDisposition, ImapEnvelope } from '../backend/imap-backend';

/**
 * ENVELOPE and BODYSTRUCTURE in the port's shape from @estafette/mime's model (the one the store keeps
 * beside each message), and from raw bytes for backends that parse on the spot.
 */
export function envelopeFromMime(envelope: MessageEnvelope): ImapEnvelope {
  return { ...envelope };
}

function record(params: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  // RFC 3501 §9 body-fld-param: attribute names are case-insensitive; the first occurrence wins.
  const out: Record<string, string> = {};
  for (const [name, value] of params) if (!(name in out)) out[name] = value;
  return out;
}

function disposition(value: BodyDisposition | null): ImapDisposition | null {
  return value ? { type: value.type, parameters: record(value.params) } : null;
}

export function bodyStructureFromMime(body: BodyStructure): ImapBodyStructure {
  if (body.kind === 'multipart') {
    return {
      kind: 'multipart',
      subtype: body.subtype,
      parts: body.parts.map(bodyStructureFromMime),
      parameters: record(body.params),
      disposition: disposition(body.disposition),
      language: body.language,
      location: body.location,
    };
  }
  return {
    kind: 'single',
    type: body.type,
    subtype: body.subtype,
    parameters: record(body.params),
    id: body.id,
    description: body.description,
    encoding: body.encoding,
    size: body.size,
    lines: body.lines ?? undefined,
    message: body.message
      ? { envelope: envelopeFromMime(body.message.envelope), body: bodyStructureFromMime(body.message.body) }
      : undefined,
    md5: body.md5,
    disposition: disposition(body.disposition),
    language: body.language,
    location: body.location,
  };
}

/** Parses raw message bytes once for ENVELOPE and BODYSTRUCTURE. */
export function describeMessage(raw: Buffer): { envelope: ImapEnvelope; bodyStructure: ImapBodyStructure } {
  const parser = new MimeStructureParser();
  parser.write(raw);
  const { root } = parser.end();
  return {
    envelope: envelopeFromMime(buildEnvelope(root.headers)),
    bodyStructure: bodyStructureFromMime(buildBodyStructure(root)),
  };
}
