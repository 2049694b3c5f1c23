import type { ImapBodyStructure, ImapDisposition, ImapEnvelope } from '@estafette/protocols-imap';
import type { BodyDisposition, BodyStructure, MessageEnvelope } from '@estafette/mime';

/** The store keeps parameters as written pairs; IMAP's port takes them as a record (the first of a name wins). */
function record(pairs: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) if (!(name in out)) out[name] = value;
  return out;
}

function disposition(value: BodyDisposition | null): ImapDisposition | null {
  return value ? { type: value.type, parameters: record(value.params) } : null;
}

/** The envelope the store computed at delivery (libs/mime) has the IMAP shape already. */
export function toImapEnvelope(envelope: MessageEnvelope): ImapEnvelope {
  return envelope;
}

/** BODYSTRUCTURE from the structure the store keeps beside each message (RFC 3501 §7.4.2). */
export function toImapBodyStructure(structure: BodyStructure): ImapBodyStructure {
  if (structure.kind === 'multipart') {
    return {
      kind: 'multipart',
      subtype: structure.subtype,
      parts: structure.parts.map(toImapBodyStructure),
      parameters: record(structure.params),
      disposition: disposition(structure.disposition),
      language: structure.language,
      location: structure.location,
    };
  }
  return {
    kind: 'single',
    type: structure.type,
    subtype: structure.subtype,
    parameters: record(structure.params),
    id: structure.id,
    description: structure.description,
    encoding: structure.encoding,
    size: structure.size,
    ...(structure.lines !== null ? { lines: structure.lines } : {}),
    ...(structure.message
      ? {
          message: {
            envelope: toImapEnvelope(structure.message.envelope),
            body: toImapBodyStructure(structure.message.body),
          },
        }
      : {}),
    md5: structure.md5,
    disposition: disposition(structure.disposition),
    language: structure.language,
    location: structure.location,
  };
}
