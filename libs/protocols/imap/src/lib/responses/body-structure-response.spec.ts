import { describe, expect, it } from 'vitest';
import type { ImapBodyStructure } from '../backend/imap-backend';
import { bodyStructureResponse } from './body-structure-response';

const text: ImapBodyStructure = {
  kind: 'single',
  type: 'text',
  subtype: 'plain',
  parameters: { charset: 'utf-8' },
  id: '<part@x>',
  description: null,
  encoding: 'QUOTED-PRINTABLE',
  size: 120,
  lines: 4,
  md5: null,
  disposition: { type: 'inline', parameters: {} },
  language: ['en', 'de'],
  location: 'http://example.com/a',
};

describe('BODY / BODYSTRUCTURE serialiser (RFC 3501 §7.4.2)', () => {
  it('writes a text part with lines and, for BODYSTRUCTURE, the extension data', () => {
    expect(bodyStructureResponse(text, false)).toBe(
      '("text" "plain" ("charset" "utf-8") "<part@x>" NIL "QUOTED-PRINTABLE" 120 4)',
    );
    expect(bodyStructureResponse(text, true)).toBe(
      '("text" "plain" ("charset" "utf-8") "<part@x>" NIL "QUOTED-PRINTABLE" 120 4 NIL ("inline" NIL) ("en" "de") "http://example.com/a")',
    );
  });

  it('writes multiparts with their parts and a placeholder for an empty one', () => {
    const image: ImapBodyStructure = {
      ...text,
      type: 'image',
      subtype: 'png',
      parameters: {},
      lines: undefined,
      language: null,
    };
    const multi: ImapBodyStructure = {
      kind: 'multipart',
      subtype: 'mixed',
      parts: [text, image],
      parameters: { boundary: 'b' },
      disposition: null,
      language: null,
      location: null,
    };
    expect(bodyStructureResponse(multi, false)).toBe(
      '(("text" "plain" ("charset" "utf-8") "<part@x>" NIL "QUOTED-PRINTABLE" 120 4)("image" "png" NIL "<part@x>" NIL "QUOTED-PRINTABLE" 120) "mixed")',
    );
    expect(bodyStructureResponse(multi, true)).toMatch(/\) "mixed" \("boundary" "b"\) NIL NIL NIL\)$/);
    expect(bodyStructureResponse({ ...multi, parts: [] }, false)).toBe(
      '(("text" "plain" NIL NIL NIL "7bit" 0 0) "mixed")',
    );
  });
});
