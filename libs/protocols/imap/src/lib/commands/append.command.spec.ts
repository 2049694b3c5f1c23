import { afterEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../../testing/selected-session';
import type { ImapServerFixture } from '../../testing/server-fixture';
import { parseDateTime } from './append.command';

describe('APPEND (RFC 3501 §6.3.11, RFC 4315 APPENDUID)', () => {
  const holder: { fixture?: ImapServerFixture } = {};
  afterEach(async () => holder.fixture?.close());

  it('stores a literal with flags and date, answering APPENDUID; EXISTS reaches the selected mailbox', async () => {
    const { client } = await sampleSession(holder);
    const message = 'Subject: appended\r\n\r\nbody\r\n';
    client.send(`a1 APPEND INBOX (\\Seen $Draft) " 5-Mar-2024 10:20:30 +0200" {${message.length}}`);
    expect(await client.readLine()).toBe('+ Ready for literal data');
    // The literal, then the CRLF that ends the command line.
    client.send(message);
    expect(await client.readUntilTagged('a1')).toEqual([
      '* 4 EXISTS',
      expect.stringMatching(/^a1 OK \[APPENDUID \d+ 4\] APPEND completed$/),
    ]);
    expect(await client.command('a2 FETCH 4 (FLAGS INTERNALDATE RFC822.SIZE)')).toEqual([
      '* 4 FETCH (FLAGS (\\Seen $Draft) INTERNALDATE " 5-Mar-2024 08:20:30 +0000" RFC822.SIZE 27)',
      'a2 OK FETCH completed',
    ]);
  });

  it('takes LITERAL+ without a continuation, and answers TRYCREATE and OVERQUOTA', async () => {
    const { client, fixture } = await sampleSession(holder, null);
    client.send('b1 APPEND Nowhere {4+}');
    client.send('abcd');
    expect(await client.readUntilTagged('b1')).toEqual(['b1 NO [TRYCREATE] Mailbox does not exist']);
    fixture.backend.storageLimitBytes = 10;
    client.send('b2 APPEND INBOX {20+}');
    client.send('Subject: big\r\n\r\nxx\r\n');
    expect(await client.readUntilTagged('b2')).toEqual(['b2 NO [OVERQUOTA] Mailbox is over quota']);
  });

  it('answers TOOBIG before the literal is sent, and refuses bad arguments', async () => {
    const { client } = await sampleSession(holder, null);
    expect(await client.command('c1 APPEND INBOX {999999999}')).toEqual([expect.stringMatching(/^c1 NO \[TOOBIG\] /)]);
    expect((await client.command('c2 APPEND INBOX (\\Recent) "x"')).pop()).toMatch(/^c2 BAD /);
    expect((await client.command('c3 APPEND INBOX "31-Feb-2024 00:00:00 +0000" "x"')).pop()).toMatch(/^c3 BAD /);
  });

  it('parses RFC 3501 date-time with zones', () => {
    expect(parseDateTime('17-Jul-1996 02:44:25 -0700').toISOString()).toBe('1996-07-17T09:44:25.000Z');
    expect(parseDateTime(' 1-jan-2000 00:00:00 +0000').toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(() => parseDateTime('1-Jan-2000 24:00:00 +0000')).toThrow();
  });

  it('takes the RFC 6855 UTF8 (literal8) form once UTF8=ACCEPT is enabled', async () => {
    const { client } = await sampleSession(holder, null);
    const message = Buffer.from('Subject: Grüße\r\n\r\nhallo\r\n');
    client.send(`d1 APPEND INBOX UTF8 (~{${message.length}+}`);
    client.write(message);
    client.send(')');
    expect((await client.readUntilTagged('d1')).pop()).toBe('d1 BAD APPEND needs a literal');
    await client.command('d2 ENABLE UTF8=ACCEPT');
    client.send(`d3 APPEND INBOX UTF8 (~{${message.length}+}`);
    client.write(message);
    client.send(')');
    expect((await client.readUntilTagged('d3')).pop()).toMatch(/^d3 OK \[APPENDUID \d+ 4\] APPEND completed$/);
  });
});
