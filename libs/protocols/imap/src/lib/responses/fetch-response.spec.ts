import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { SectionContent } from '../backend/imap-backend';
import { parseFetchAttributes } from '../parser/fetch-args';
import { internalDate, writeFetchResponse } from './fetch-response';

async function collect(parts: (string | SectionContent['content'])[]): Promise<string> {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string' || Buffer.isBuffer(part)) out += part.toString();
    else for await (const chunk of part) out += (chunk as Buffer).toString();
  }
  return out;
}

describe('FETCH response writer (RFC 3501 §7.4.2)', () => {
  it('writes text items, then each section as a literal whose stream goes to the sink as is', async () => {
    const { items } = parseFetchAttributes({
      kind: 'list',
      items: ['FLAGS', 'BODY.PEEK[TEXT]', 'RFC822.SIZE', 'BODY[1]'].map((value) => ({ kind: 'atom', value })),
    });
    const written: (string | SectionContent['content'])[] = [];
    const stream = Readable.from([Buffer.from('hel'), Buffer.from('lo')]);
    await writeFetchResponse(
      async (data) => void written.push(data),
      7,
      {
        uid: 42,
        flags: ['\\Seen'],
        size: 99,
        sections: [
          { section: { part: [], specifier: 'TEXT' }, length: 5, content: stream },
          { section: { part: [1], specifier: 'ALL' }, length: 2, content: Buffer.from('ok') },
        ],
      },
      items,
      { forceUid: true, forceModseq: false },
    );
    expect(written[1]).toBe(stream);
    expect(await collect(written)).toBe(
      '* 7 FETCH (UID 42 FLAGS (\\Seen) BODY[TEXT] {5}\r\nhello RFC822.SIZE 99 BODY[1] {2}\r\nok)\r\n',
    );
  });

  it('formats INTERNALDATE with a space-padded day, in UTC', () => {
    expect(internalDate(new Date(Date.UTC(2024, 1, 3, 4, 5, 6)))).toBe('" 3-Feb-2024 04:05:06 +0000"');
    expect(internalDate(new Date(Date.UTC(1999, 11, 31, 23, 59, 59)))).toBe('"31-Dec-1999 23:59:59 +0000"');
  });
});
