import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InboundMessageTransform, type InboundMessageOptions } from './inbound-message.transform';

const options = (extra: Partial<InboundMessageOptions> = {}): InboundMessageOptions => ({
  maxBytes: 0,
  maxHeaderBytes: 1024,
  maxHops: 30,
  traceFields: () => ['Received: test'],
  newMessageId: () => '<new@test>',
  ...extra,
});

async function collect(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('InboundMessageTransform', () => {
  it('puts trace fields and a Message-ID on top, even when the header arrives byte by byte', async () => {
    const bytes = [...Buffer.from('Subject: hi\r\n\r\nbody\r\n')].map((b) => Buffer.from([b]));
    const out = await collect(Readable.from(bytes).pipe(new InboundMessageTransform(options())));
    expect(out).toBe('Received: test\r\nMessage-ID: <new@test>\r\nSubject: hi\r\n\r\nbody\r\n');
  });

  it('streams the body without holding it: output flows before the input ends', async () => {
    const transform = new InboundMessageTransform(options());
    let fed = 0;
    let firstOutputAt = -1;
    transform.on('data', () => {
      if (firstOutputAt < 0) firstOutputAt = fed;
    });
    const done = new Promise((resolve) => transform.on('end', resolve));
    transform.write(Buffer.from('Subject: big\r\n\r\n'));
    fed++;
    for (let i = 0; i < 200; i++) {
      transform.write(Buffer.alloc(64 * 1024, 0x61));
      fed++;
    }
    transform.end();
    await done;
    // The header section went out with the first write; nothing waited for the 12 MB that followed.
    expect(firstOutputAt).toBeGreaterThanOrEqual(0);
    expect(firstOutputAt).toBeLessThanOrEqual(1);
  });

  it('fails past the size limit with 552 5.3.4', async () => {
    const transform = new InboundMessageTransform(options({ maxBytes: 10 }));
    await expect(
      collect(Readable.from([Buffer.from('Subject: too long\r\n\r\n')]).pipe(transform)),
    ).rejects.toMatchObject({
      reply: { code: 552, enhanced: '5.3.4' },
    });
  });

  it('fails a header section larger than the scan limit with 552 5.3.4', async () => {
    const transform = new InboundMessageTransform(options({ maxHeaderBytes: 100 }));
    const header = `X-Long: ${'a'.repeat(200)}\r\n`;
    await expect(collect(Readable.from([Buffer.from(header)]).pipe(transform))).rejects.toMatchObject({
      reply: { code: 552, enhanced: '5.3.4' },
    });
  });

  it('passes on the review’s edits and its rejection', async () => {
    const edited = new InboundMessageTransform(
      options({ review: async () => ({ accepted: true, prepend: ['Sender: <me@x>'], remove: ['sender'] }) }),
    );
    const out = await collect(
      Readable.from([Buffer.from('Sender: <forged@y>\r\nMessage-ID: <m@x>\r\n\r\nb')]).pipe(edited),
    );
    expect(out).toBe('Received: test\r\nSender: <me@x>\r\nMessage-ID: <m@x>\r\n\r\nb');
    expect(edited.messageId).toBe('<m@x>');

    const refused = new InboundMessageTransform(
      options({ review: async () => ({ accepted: false, reply: { code: 553, enhanced: '5.7.1', text: 'no' } }) }),
    );
    await expect(collect(Readable.from([Buffer.from('From: x\r\n\r\nb')]).pipe(refused))).rejects.toMatchObject({
      reply: { code: 553, enhanced: '5.7.1' },
    });
  });
});
