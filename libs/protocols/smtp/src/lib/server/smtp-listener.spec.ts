import { afterEach, describe, expect, it } from 'vitest';
import { startListener, type ListenerFixture } from '../../testing/listener-fixture';
import { SmtpTestClient } from '../../testing/smtp-test-client';
import { testCertificate } from '../../testing/test-certificate';

const PLAIN_ALICE = Buffer.from('\0alice\0secret').toString('base64');

async function greeted(port: number, options: { tls?: boolean } = {}): Promise<SmtpTestClient> {
  const client = await SmtpTestClient.connect(port, options);
  await client.readReply();
  return client;
}

async function ehlo(client: SmtpTestClient, name = 'client.example'): Promise<string[]> {
  client.send(`EHLO ${name}`);
  return client.readReply();
}

/** MAIL, RCPT, DATA with the given message; returns the reply to the final dot. */
async function sendMessage(
  client: SmtpTestClient,
  message: string,
  envelope: { from?: string; to?: string[] } = {},
): Promise<string> {
  expect(await client.command(`MAIL FROM:<${envelope.from ?? 'someone@remote.example'}>`)).toMatch(/^250 /);
  for (const to of envelope.to ?? ['bob@test.example'])
    expect(await client.command(`RCPT TO:<${to}>`)).toMatch(/^250 /);
  expect(await client.command('DATA')).toMatch(/^354 /);
  client.write(`${message.replace(/\n/g, '\r\n')}\r\n.\r\n`);
  return (await client.readReply()).pop() as string;
}

describe('SmtpListener', () => {
  let fixture: ListenerFixture;
  afterEach(async () => fixture?.close());

  describe('SIZE (RFC 1870)', () => {
    it('advertises the limit and refuses a larger declared size at MAIL FROM', async () => {
      fixture = await startListener({ maxMessageBytes: 2000 });
      const client = await greeted(fixture.port);
      expect(await ehlo(client)).toContain('250 SIZE 2000');
      expect(await client.command('MAIL FROM:<a@remote.example> SIZE=2001')).toMatch(/^552 5\.3\.4 /);
      expect(await client.command('MAIL FROM:<a@remote.example> SIZE=2000')).toBe('250 2.1.0 Accepted');
      await client.close();
    });

    it('fails the message past the limit while it streams, answers 552 5.3.4 and keeps the session', async () => {
      fixture = await startListener({ maxMessageBytes: 2000 });
      const client = await greeted(fixture.port);
      await ehlo(client);
      const big = `Subject: big\n\n${'x'.repeat(76)}\n`.repeat(40);
      expect(await sendMessage(client, big)).toBe(
        '552 5.3.4 Message size exceeds fixed maximum message size of 2000 bytes',
      );
      expect(fixture.backend.messages).toHaveLength(0);
      expect(await sendMessage(client, 'Subject: small\n\nok')).toMatch(/^250 2\.0\.0 Ok: queued as Q\d+$/);
      await client.close();
    });

    it('applies the smaller limit a backend sets for the sender', async () => {
      fixture = await startListener({ maxMessageBytes: 100_000, mode: 'submission', allowPlaintextAuth: true });
      const user = fixture.backend.users.get('alice');
      if (user) user.maxMessageBytes = 500;
      const client = await greeted(fixture.port);
      await ehlo(client);
      expect(await client.command(`AUTH PLAIN ${PLAIN_ALICE}`)).toMatch(/^235 /);
      expect(await client.command('MAIL FROM:<alice@test.example> SIZE=501')).toMatch(/^552 5\.3\.4 .* 500 bytes$/);
      expect(await client.command('RSET')).toMatch(/^250 /);
      const reply = await sendMessage(client, `Subject: x\n\n${'y'.repeat(600)}`, { from: 'alice@test.example' });
      expect(reply).toMatch(/^552 5\.3\.4 /);
      await client.close();
    });
  });

  describe('recipient limits', () => {
    it('answers 452 4.5.3 past the listener limit, repeated recipients not counted', async () => {
      fixture = await startListener({ maxRecipients: 2 });
      fixture.backend.mailboxes.add('carol@test.example');
      const client = await greeted(fixture.port);
      await ehlo(client);
      expect(await client.command('MAIL FROM:<a@remote.example>')).toMatch(/^250 /);
      expect(await client.command('RCPT TO:<bob@test.example>')).toMatch(/^250 /);
      expect(await client.command('RCPT TO:<boss@test.example>')).toMatch(/^250 /);
      expect(await client.command('RCPT TO:<BOB@test.example>')).toMatch(/^250 /);
      expect(await client.command('RCPT TO:<carol@test.example>')).toMatch(/^452 4\.5\.3 Too many recipients/);
      await client.close();
    });

    it('applies the sender’s own recipient limit', async () => {
      fixture = await startListener({ maxRecipients: 10, mode: 'submission', allowPlaintextAuth: true });
      const user = fixture.backend.users.get('alice');
      if (user) user.maxRecipients = 1;
      const client = await greeted(fixture.port);
      await ehlo(client);
      await client.command(`AUTH PLAIN ${PLAIN_ALICE}`);
      expect(await client.command('MAIL FROM:<alice@test.example>')).toMatch(/^250 /);
      expect(await client.command('RCPT TO:<bob@test.example>')).toMatch(/^250 /);
      expect(await client.command('RCPT TO:<boss@test.example>')).toBe(
        '452 4.5.3 Too many recipients: at most 1 per message, send the rest in another transaction',
      );
      await client.close();
    });
  });

  describe('trace fields', () => {
    it('writes the RFC 3848 transmission type: SMTP after HELO, ESMTPS after STARTTLS, ESMTPSA with AUTH', async () => {
      fixture = await startListener({ mode: 'mx', now: () => new Date('2026-11-28T22:17:10Z') });
      const helo = await greeted(fixture.port);
      expect(await helo.command('HELO old.example')).toMatch(/^250 /);
      await sendMessage(helo, 'Subject: 1\n\nx');
      await helo.close();

      const tls = await greeted(fixture.port);
      await ehlo(tls);
      expect(await tls.command('STARTTLS')).toMatch(/^220 /);
      await tls.upgrade();
      await ehlo(tls, 'secure.example');
      await sendMessage(tls, 'Subject: 2\n\nx');
      expect(await tls.command(`AUTH PLAIN ${PLAIN_ALICE}`)).toBe('235 2.7.0 Authentication successful');
      await sendMessage(tls, 'Subject: 3\n\nx', {
        from: 'alice@test.example',
        to: ['bob@test.example', 'x@far.example'],
      });
      await tls.close();

      const [first, second, third] = fixture.backend.messages.map((m) => m.data.toString());
      expect(first).toMatch(
        /^Received: from old\.example \(\[127\.0\.0\.1\]\)\r\n\tby mx\.test\.example \(Estafette\) with SMTP id \S+\r\n\tfor <bob@test\.example>;\r\n\tSat, 28 Nov 2026 22:17:10 \+0000\r\n/,
      );
      expect(second).toMatch(
        /with ESMTPS id \S+\r\n\t\(version=TLSv1\.[23] cipher=[A-Z0-9_-]+\)\r\n\tfor <bob@test\.example>;/,
      );
      // Two recipients: no "for" clause, so a Bcc list never shows.
      expect(third).toMatch(/with ESMTPSA id \S+\r\n\t\(version=[^)]+\);\r\n\tSat, 28 Nov 2026/);
      expect(fixture.backend.messages.map((m) => m.envelope.transmissionType)).toEqual(['SMTP', 'ESMTPS', 'ESMTPSA']);
    });

    it('adds a Message-ID only when the message has none', async () => {
      fixture = await startListener();
      const client = await greeted(fixture.port);
      await ehlo(client);
      await sendMessage(client, 'Message-ID: <own@remote.example>\nSubject: has one\n\nx');
      await sendMessage(client, 'Subject: has none\n\nx');
      await client.close();
      const [own, added] = fixture.backend.messages.map((m) => m.data.toString());
      expect(own.match(/^Message-ID:/gim)).toHaveLength(1);
      expect(own).toContain('Message-ID: <own@remote.example>');
      expect(added).toMatch(/\r\nMessage-ID: <[\w.-]+@mx\.test\.example>\r\nSubject: has none\r\n\r\nx\r\n$/);
    });

    it('keeps a message without a body or without the empty line', async () => {
      fixture = await startListener();
      const client = await greeted(fixture.port);
      await ehlo(client);
      expect(await sendMessage(client, 'Subject: headers only')).toMatch(/^250 /);
      await client.close();
      expect(fixture.backend.messages[0].data.toString()).toMatch(/Message-ID: <[^>]+>\r\nSubject: headers only\r\n$/);
    });
  });

  describe('8BITMIME and SMTPUTF8 (RFC 6152, RFC 6531)', () => {
    it('takes 8-bit data and UTF-8 addresses byte for byte, and says UTF8SMTP in Received', async () => {
      fixture = await startListener();
      fixture.backend.mailboxes.add('jöran@test.example');
      const client = await greeted(fixture.port);
      await ehlo(client);
      expect(await client.command('MAIL FROM:<renée@remote.example> BODY=8BITMIME SMTPUTF8')).toMatch(/^250 /);
      expect(await client.command('RCPT TO:<jöran@test.example>')).toMatch(/^250 /);
      expect(await client.command('DATA')).toMatch(/^354 /);
      const body = 'From: Renée <renée@remote.example>\r\nSubject: Grüße\r\n\r\nÅ ß € 😀\r\n';
      client.write(Buffer.from(`${body}.\r\n`, 'utf8'));
      expect((await client.readReply()).pop()).toMatch(/^250 /);
      await client.close();
      const [message] = fixture.backend.messages;
      expect(message.envelope.sender).toMatchObject({
        address: 'renée@remote.example',
        bodyType: '8bitmime',
        smtpUtf8: true,
      });
      expect(message.envelope.recipients[0].address).toBe('jöran@test.example');
      expect(message.envelope.transmissionType).toBe('UTF8SMTP');
      expect(message.data.toString('utf8').endsWith(body)).toBe(true);
      expect(message.data.toString('utf8')).toMatch(/with UTF8SMTP id \S+\r\n\tfor <jöran@test\.example>;/);
    });
  });

  describe('loop detection (RFC 5321 §6.3)', () => {
    it('accepts 30 Received fields and refuses 31 with 554 5.4.6', async () => {
      fixture = await startListener();
      const client = await greeted(fixture.port);
      await ehlo(client);
      const hops = (n: number) => 'Received: from a by b; Sat, 28 Nov 2026 00:00:00 +0000\n'.repeat(n);
      expect(await sendMessage(client, `${hops(30)}Subject: ok\n\nx`)).toMatch(/^250 /);
      expect(await sendMessage(client, `${hops(31)}Subject: loop\n\nx`)).toBe(
        '554 5.4.6 Routing loop detected: the message has more than 30 Received header fields',
      );
      await client.close();
      expect(fixture.backend.messages).toHaveLength(1);
    });
  });

  describe('durability contract', () => {
    it('answers 250 only once the backend has stored the message', async () => {
      fixture = await startListener();
      fixture.backend.acceptDelayMs = 300;
      const client = await greeted(fixture.port);
      await ehlo(client);
      const started = Date.now();
      expect(await sendMessage(client, 'Subject: slow\n\nx')).toMatch(/^250 2\.0\.0 Ok: queued as Q0001$/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      await client.close();
    });

    it('turns a storage failure into 451 4.3.0 and keeps serving', async () => {
      fixture = await startListener();
      fixture.backend.failNextMessage = new Error('disk full');
      const client = await greeted(fixture.port);
      await ehlo(client);
      expect(await sendMessage(client, 'Subject: lost?\n\nx')).toMatch(/^451 4\.3\.0 /);
      expect(await sendMessage(client, 'Subject: again\n\nx')).toMatch(/^250 /);
      await client.close();
    });
  });

  describe('sender identity through the backend', () => {
    it('adds a Sender header for Send on Behalf, replacing a forged one', async () => {
      fixture = await startListener({ mode: 'submission', allowPlaintextAuth: true });
      const client = await greeted(fixture.port);
      await ehlo(client);
      await client.command(`AUTH PLAIN ${PLAIN_ALICE}`);
      const reply = await sendMessage(
        client,
        'From: Boss <boss@test.example>\nSender: forged@evil.example\nSubject: for the boss\n\nx',
        {
          from: 'boss@test.example',
        },
      );
      expect(reply).toMatch(/^250 /);
      const refused = await sendMessage(client, 'From: <mallory@test.example>\nSubject: no\n\nx', {
        from: 'alice@test.example',
      });
      expect(refused).toBe('553 5.7.1 From address mallory@test.example is not yours');
      await client.close();
      const text = fixture.backend.messages[0].data.toString();
      expect(text).toMatch(
        /\r\nMessage-ID: [^\r]+\r\nSender: <alice@test\.example>\r\nFrom: Boss <boss@test\.example>\r\nSubject: for the boss\r\n/,
      );
      expect(text).not.toContain('forged@evil.example');
    });
  });

  describe('authentication', () => {
    it('refuses AUTH before TLS (538 5.7.11) and accepts it after STARTTLS', async () => {
      fixture = await startListener({ mode: 'submission' });
      const client = await greeted(fixture.port);
      await ehlo(client);
      expect(await client.command(`AUTH PLAIN ${PLAIN_ALICE}`)).toMatch(/^538 5\.7\.11 /);
      expect(await client.command('STARTTLS')).toBe('220 2.0.0 Ready to start TLS');
      await client.upgrade();
      const features = await ehlo(client);
      expect(features).not.toContain('250-STARTTLS');
      expect(await client.command(`AUTH PLAIN ${PLAIN_ALICE}`)).toBe('235 2.7.0 Authentication successful');
      await client.close();
    });

    it('refuses an authorization identity other than the user, and says 454 4.7.0 when throttled', async () => {
      fixture = await startListener({ mode: 'submission', allowPlaintextAuth: true });
      const client = await greeted(fixture.port);
      await ehlo(client);
      const other = Buffer.from('boss\0alice\0secret').toString('base64');
      expect(await client.command(`AUTH PLAIN ${other}`)).toMatch(/^535 5\.7\.8 /);
      const throttled = Buffer.from('\0throttled\0x').toString('base64');
      expect(await client.command(`AUTH PLAIN ${throttled}`)).toBe('454 4.7.0 Too many failed logins, try again later');
      await client.close();
    });

    it('refuses AUTH on a listener without TLS material unless plaintext is allowed', async () => {
      fixture = await startListener({ mode: 'submission', tls: null });
      const client = await greeted(fixture.port);
      const features = await ehlo(client);
      expect(features.some((f) => f.includes('STARTTLS'))).toBe(false);
      expect(await client.command(`AUTH PLAIN ${PLAIN_ALICE}`)).toMatch(/^538 5\.7\.11 /);
      await client.close();
    });
  });

  describe('implicit TLS (smtps, RFC 8314)', () => {
    it('speaks TLS from the first byte and requires AUTH', async () => {
      fixture = await startListener({ mode: 'smtps' });
      const client = await SmtpTestClient.connect(fixture.port, { tls: true });
      expect(client.encrypted).toBe(true);
      expect(await client.readLine()).toBe('220 mx.test.example ESMTP Estafette');
      await ehlo(client);
      expect(await client.command('MAIL FROM:<alice@test.example>')).toBe('530 5.7.0 Authentication required');
      expect(await client.command(`AUTH PLAIN ${PLAIN_ALICE}`)).toMatch(/^235 /);
      expect(await sendMessage(client, 'Subject: s\n\nx', { from: 'alice@test.example' })).toMatch(/^250 /);
      await client.close();
      expect(fixture.backend.messages[0].envelope.transmissionType).toBe('ESMTPSA');
    });
  });

  describe('connections', () => {
    it('answers 421 past the connection limit', async () => {
      fixture = await startListener({ maxConnections: 1 });
      const first = await greeted(fixture.port);
      const second = await SmtpTestClient.connect(fixture.port);
      expect(await second.readLine()).toMatch(/^421 .*Too many connected clients/);
      await second.close();
      await first.close();
    });

    it('closes an idle session with 421 4.4.2', async () => {
      fixture = await startListener({ idleTimeoutMs: 300 });
      const client = await greeted(fixture.port);
      expect(await client.readLine(3000)).toBe('421 4.4.2 Timeout - closing connection');
      await client.close();
    });

    it('drains on close: a message in flight is finished, then 421; new connections are refused', async () => {
      fixture = await startListener({ closeTimeoutMs: 5000 });
      const client = await greeted(fixture.port);
      await ehlo(client);
      expect(await client.command('MAIL FROM:<a@remote.example>')).toMatch(/^250 /);
      expect(await client.command('RCPT TO:<bob@test.example>')).toMatch(/^250 /);
      expect(await client.command('DATA')).toMatch(/^354 /);
      client.write('Subject: last one\r\n\r\nhalf');
      const closed = fixture.listener.close();
      await expect(SmtpTestClient.connect(fixture.port)).rejects.toThrow(/ECONNREFUSED/);
      client.write(' and the rest\r\n.\r\n');
      expect((await client.readReply()).pop()).toMatch(/^250 2\.0\.0 Ok: queued as Q0001$/);
      expect(await client.command('NOOP')).toBe('421 4.4.2 Server shutting down');
      await closed;
      expect(fixture.backend.messages[0].data.toString()).toMatch(/half and the rest\r\n$/);
    });

    it('switches to a new certificate for new sessions', async () => {
      fixture = await startListener({ mode: 'smtps' });
      const before = await SmtpTestClient.connect(fixture.port, { tls: true });
      await before.close();
      fixture.listener.updateTls(await testCertificate());
      const after = await SmtpTestClient.connect(fixture.port, { tls: true });
      expect(await after.readLine()).toMatch(/^220 /);
      await after.close();
    });

    it('applies new limits to the next session', async () => {
      fixture = await startListener({ maxMessageBytes: 1000 });
      fixture.listener.reconfigure({ maxMessageBytes: 5000, banner: 'Changed' });
      const client = await SmtpTestClient.connect(fixture.port);
      expect(await client.readLine()).toBe('220 mx.test.example ESMTP Changed');
      expect(await ehlo(client)).toContain('250 SIZE 5000');
      await client.close();
    });
  });
});
