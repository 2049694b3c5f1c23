import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListener, type ListenerFixture } from '../../testing/listener-fixture';
import { SmtpTestClient } from '../../testing/smtp-test-client';

/** Bad input gets a protocol-correct error; the session, and the listener, go on (ARCHITECTURE.md §7). */
describe('malformed input', () => {
  let fixture: ListenerFixture;
  beforeAll(async () => (fixture = await startListener({ mode: 'mx', maxMessageBytes: 10_000 })));
  afterAll(async () => fixture.close());

  async function session(): Promise<SmtpTestClient> {
    const client = await SmtpTestClient.connect(fixture.port);
    await client.readReply();
    return client;
  }

  it.each([
    ['EHLO', /^501 Error: syntax: EHLO hostname$/],
    ['EHLO a b', /^501 /],
    ['HELO', /^501 /],
  ])('answers "%s" with a syntax error', async (line, reply) => {
    const client = await session();
    expect(await client.command(line)).toMatch(reply);
    expect(await client.command('EHLO ok.example')).toMatch(/^250 /);
    await client.close();
  });

  it('refuses commands out of order and bad paths, then still takes mail', async () => {
    const client = await session();
    expect(await client.command('MAIL FROM:<a@remote.example>')).toMatch(/^503 5\.5\.1 /);
    expect(await client.command('EHLO ok.example')).toMatch(/^250 /);
    expect(await client.command('RCPT TO:<bob@test.example>')).toMatch(/^503 5\.5\.1 /);
    expect(await client.command('DATA')).toMatch(/^503 5\.5\.1 /);
    expect(await client.command('MAIL FROM:a@remote.example')).toMatch(/^501 5\.1\.7 /);
    expect(await client.command('MAIL FROM:<a@remote.example')).toMatch(/^501 /);
    expect(await client.command('MAIL FROM:<a@remote.example> SIZE=abc')).toMatch(/^501 /);
    expect(await client.command('MAIL FROM:<a@remote.example> BODY=BINARYMIME')).toMatch(/^501 /);
    expect(await client.command('MAIL FROM:<a@remote.example>')).toMatch(/^250 /);
    expect(await client.command('MAIL FROM:<b@remote.example>')).toMatch(/^503 5\.5\.1 .*nested/);
    expect(await client.command('RCPT TO:<>')).toMatch(/^501 5\.1\.3 /);
    expect(await client.command('RCPT TO:<bob@test.example> NOTIFY=SOMETIMES')).toMatch(/^501 /);
    expect(await client.command('RCPT TO:<bob@test.example> NOTIFY=NEVER,SUCCESS')).toMatch(/^501 /);
    expect(await client.command('RCPT TO:<bob@test.example>')).toMatch(/^250 /);
    expect(await client.command('DATA extra')).toMatch(/^(354|501) /);
    await client.close();
  });

  it('survives binary junk, NUL bytes, an HTTP request and an overlong line', async () => {
    const client = await session();
    client.write(Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a]));
    expect(await client.readLine()).toMatch(/^5\d\d /);
    expect(await client.command('EHLO ok.example')).toMatch(/^250 /);
    await client.close();

    // A line past 16 KB is a flood, not a command: 421 and the connection is closed; others go on.
    const flood = await session();
    expect(await flood.command(`NOOP ${'x'.repeat(20_000)}`)).toBe('421 4.4.2 Error: Command line too long');
    expect(await flood.readLine()).toBeNull();

    const http = await session();
    http.send('GET / HTTP/1.1');
    expect(await http.readLine()).toMatch(/^421 /);
    await http.close();
  });

  it('answers garbage AUTH data with 501 and keeps the session', async () => {
    const client = await session();
    expect(await client.command('EHLO ok.example')).toMatch(/^250 /);
    expect(await client.command('STARTTLS')).toMatch(/^220 /);
    await client.upgrade();
    expect(await client.command('EHLO ok.example')).toMatch(/^250 /);
    expect(await client.command('AUTH')).toMatch(/^504 /);
    expect(await client.command('AUTH CRAM-MD5')).toMatch(/^504 /);
    expect(await client.command('AUTH PLAIN !!!not-base64')).toMatch(/^5\d\d /);
    expect(await client.command('AUTH LOGIN')).toMatch(/^334 /);
    expect(await client.command('*')).toMatch(/^501 /);
    expect(await client.command('NOOP')).toMatch(/^250 /);
    await client.close();
  });

  it('disconnects a client after ten unknown commands (421) and keeps serving others', async () => {
    const client = await session();
    for (let i = 0; i < 9; i++) expect(await client.command(`XYZZY${i}`)).toMatch(/^500 5\.5\.2 /);
    expect(await client.command('XYZZY9')).toMatch(/^421 /);
    expect(await client.readLine()).toBeNull();

    const next = await session();
    expect(await next.command('EHLO ok.example')).toMatch(/^250 /);
    expect(await next.command('MAIL FROM:<a@remote.example>')).toMatch(/^250 /);
    expect(await next.command('RCPT TO:<bob@test.example>')).toMatch(/^250 /);
    expect(await next.command('DATA')).toMatch(/^354 /);
    next.write('Subject: still here\r\n\r\nyes\r\n.\r\n');
    expect((await next.readReply()).pop()).toMatch(/^250 /);
    await next.close();
  });

  it('copes with a client that disconnects in the middle of DATA', async () => {
    const before = fixture.backend.messages.length;
    const client = await session();
    expect(await client.command('EHLO ok.example')).toMatch(/^250 /);
    await client.command('MAIL FROM:<a@remote.example>');
    await client.command('RCPT TO:<bob@test.example>');
    await client.command('DATA');
    client.write('Subject: cut\r\n\r\nhalf a mess');
    await client.close();
    const next = await session();
    expect(await next.command('NOOP')).toMatch(/^250 /);
    await next.close();
    expect(fixture.backend.messages.length).toBe(before);
  });
});
