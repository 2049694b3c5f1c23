import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_SCANNED_HEADER_BYTES, prepareMessage } from './prepared-message';

async function drain(stream: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

const addMessageId = (fields: Array<{ name: string; value: string }>) => {
  const own = fields.find((f) => f.name.toLowerCase() === 'message-id')?.value;
  return own ? { lines: [], messageId: own } : { lines: ['Message-ID: <new@x>'], messageId: '<new@x>' };
};

describe('prepared message', () => {
  it('reads the header section across chunks and passes the body through', async () => {
    const chunks = [
      'Received: a\r\nRece',
      'ived: b\r\nSubject: Hel',
      'lo\r\nMessage-ID: <m1@x>\r\n\r\nbody\r\n',
      'more body\r\n',
    ];
    const prepared = prepareMessage(Readable.from(chunks.map((c) => Buffer.from(c))), { prepend: addMessageId });
    const text = await drain(prepared.stream);
    expect(text).toBe(chunks.join(''));
    expect(prepared.info()).toMatchObject({ messageId: '<m1@x>', subject: 'Hello', hopCount: 2 });
  });

  it('adds what prepend asks for on top', async () => {
    const prepared = prepareMessage([Buffer.from('Subject: x\r\n\r\nhi\r\n')], { prepend: addMessageId });
    expect(await drain(prepared.stream)).toBe('Message-ID: <new@x>\r\nSubject: x\r\n\r\nhi\r\n');
    expect(prepared.info().messageId).toBe('<new@x>');
  });

  it('copes with a message without body or blank line, and with an oversized header', async () => {
    const noBody = prepareMessage([Buffer.from('Subject: only\r\n')], { prepend: addMessageId });
    expect(await drain(noBody.stream)).toBe('Message-ID: <new@x>\r\nSubject: only\r\n');
    expect(noBody.info().subject).toBe('only');
    const huge = Buffer.from(`X-Big: ${'a'.repeat(MAX_SCANNED_HEADER_BYTES)}\r\n\r\nbody`);
    const big = prepareMessage([huge.subarray(0, 100_000), huge.subarray(100_000)], { prepend: addMessageId });
    expect((await drain(big.stream)).endsWith('\r\n\r\nbody')).toBe(true);
  });

  it('decodes UTF-8 subjects', async () => {
    const prepared = prepareMessage([Buffer.from('Subject: Grüße\r\n\r\n', 'utf8')], { prepend: addMessageId });
    await drain(prepared.stream);
    expect(prepared.info().subject).toBe('Grüße');
  });
});
