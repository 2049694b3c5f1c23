import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it } from 'vitest';
import { MULTIPART_MESSAGE, seedSampleMailbox } from '../src/testing/sample-messages';
import { startImapServer, type ImapServerFixture } from '../src/testing/server-fixture';

/** imapflow (a real client library, CONDSTORE/QRESYNC/IDLE/MOVE aware) over implicit TLS. */
async function imapflow(port: number): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: true,
    tls: { rejectUnauthorized: false },
    auth: { user: 'alice', pass: 'secret' },
    logger: false,
    maxIdleTime: 60_000,
  });
  await client.connect();
  return client;
}

describe('imapflow against the message commands', () => {
  let fixture: ImapServerFixture | undefined;
  let client: ImapFlow | undefined;
  afterEach(async () => {
    await client?.logout().catch(() => undefined);
    await fixture?.close();
  });

  it('opens, fetches envelopes, structure and parts, flags, copies, moves, deletes and appends', async () => {
    fixture = await startImapServer({ implicitTls: true });
    seedSampleMailbox(fixture.backend);
    fixture.backend.addMailbox('alice', 'Archive');
    client = await imapflow(fixture.port);
    const mailbox = await client.mailboxOpen('INBOX');
    expect(mailbox.exists).toBe(3);
    expect(mailbox.uidNext).toBe(4);

    const listed: { uid: number; subject?: string; flags?: Set<string> }[] = [];
    for await (const message of client.fetch('1:*', { uid: true, envelope: true, flags: true })) {
      listed.push({ uid: message.uid, subject: message.envelope?.subject, flags: message.flags });
    }
    expect(listed.map((m) => [m.uid, m.subject])).toEqual([
      [1, 'afternoon meeting'],
      [2, 'Forwarded report'],
      [3, 'short'],
    ]);
    expect([...(listed[2].flags ?? [])]).toEqual(['\\Flagged', '$Important']);

    const structured = await client.fetchOne('2', { bodyStructure: true, source: true });
    expect(structured && structured.source?.toString()).toBe(MULTIPART_MESSAGE);
    const nodes = structured ? (structured.bodyStructure?.childNodes ?? []).map((n) => n.type) : [];
    expect(nodes).toEqual(['text/plain', 'message/rfc822']);
    const part = await client.download('2', '2.2');
    let html = '';
    for await (const chunk of part.content ?? []) html += (chunk as Buffer).toString();
    expect(html).toBe('<p>Numbers are up.</p>');

    expect(await client.messageFlagsAdd('1:2', ['\\Answered'])).toBe(true);
    const copied = await client.messageCopy('1', 'Archive');
    expect(copied && copied.uidMap?.get(1)).toBe(1);
    const moved = await client.messageMove('3', 'Archive', { uid: true });
    expect(moved && moved.uidMap?.get(3)).toBe(2);
    expect(await client.messageDelete('1')).toBe(true);
    const appended = await client.append('INBOX', 'Subject: via imapflow\r\n\r\nhello\r\n', ['\\Seen']);
    expect(appended && appended.uid).toBe(4);

    const left: number[] = [];
    for await (const message of client.fetch('1:*', { uid: true })) left.push(message.uid);
    expect(left).toEqual([2, 4]);
    const archive = await client.status('Archive', { messages: true });
    expect(archive && archive.messages).toBe(2);
    expect(fixture.errors).toEqual([]);
  });

  it('hears about a delivery while idling', async () => {
    fixture = await startImapServer({ implicitTls: true });
    seedSampleMailbox(fixture.backend);
    client = await imapflow(fixture.port);
    await client.mailboxOpen('INBOX');
    const exists = new Promise<number>((resolve) =>
      client?.on('exists', (data: { count: number }) => resolve(data.count)),
    );
    const idling = client.idle();
    fixture.backend.deliver('alice', 'INBOX', { raw: 'Subject: while idle\r\n\r\nx\r\n' });
    expect(await exists).toBe(4);
    await client.noop();
    await idling;
  });
});
