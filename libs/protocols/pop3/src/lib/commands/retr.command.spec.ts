import { describe, expect, it } from 'vitest';
import { InMemoryPop3Backend } from '../../testing/in-memory-backend';
import { withPop3Session } from '../../testing/pop3-session';

describe('RETR', () => {
  it('sends a large message whole, byte-stuffed, with the size of the stored message', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? `.line ${i}` : `line ${i}`));
    const message = `Subject: big\r\n\r\n${lines.join('\r\n')}\r\n`;
    const backend = new InMemoryPop3Backend([{ name: 'alice', password: 'secret pass', messages: [message] }]);
    backend.chunkSize = 4096;
    await withPop3Session(
      async (client) => {
        const response = await client.multiline('RETR 1');
        expect(response.status).toBe(`+OK ${Buffer.byteLength(message)} octets`);
        expect(response.lines.join('\r\n') + '\r\n').toBe(message);
      },
      {},
      backend,
    );
  });

  it('answers -ERR [SYS/TEMP] when the message cannot be read, and the session goes on', async () => {
    const fixture = await withPop3Session(async (client, { backend }) => {
      backend.failRetrieve = true;
      expect(await client.command('RETR 1')).toBe('-ERR [SYS/TEMP] Internal error, try again later');
      expect(await client.command('STAT')).toBe('+OK 3 144');
    });
    expect(fixture.errors.map((e) => e.message)).toEqual(['blob missing']);
  });
});
