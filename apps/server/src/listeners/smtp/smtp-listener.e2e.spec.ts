import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { dkimSign } from 'mailauth';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecipientDto, ServerDto, VirtualServerDto } from '@estafette/contracts';
import { RecipientEntity, RecipientResolver } from '@estafette/directory';
import { DataSource } from 'typeorm';
import { playTranscript, SmtpTestClient } from '@estafette/protocols-smtp';
import { QuotaService } from '@estafette/store';
import { DNS_RESOLVER, type DnsResolver } from '@estafette/transport';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { FakeDns } from './inbound-auth/fake-dns';
import { captureSubmissions, type CapturedSubmission } from './testing/capture-submissions';
import { createUser, eventually, PASSWORD, updateRecipient } from './testing/smtp-fixtures';
import { smtplib } from './testing/smtplib';

const run = promisify(execFile);

async function swaks(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run('swaks', ['--server', '127.0.0.1', '--timeout', '30', ...args], { timeout: 60_000 });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

async function hasSwaks(): Promise<boolean> {
  try {
    await run('swaks', ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function session(port: number): Promise<SmtpTestClient> {
  const client = await SmtpTestClient.connect(port);
  await client.readReply();
  return client;
}

const plainAuth = (user: string, password = PASSWORD) => Buffer.from(`\0${user}\0${password}`).toString('base64');

describe('SMTP listeners end to end (real clients, real database)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let smtp: VirtualServerDto;
  let captured: CapturedSubmission[];
  let alice: RecipientDto;
  let bob: RecipientDto;
  let boss: RecipientDto;
  let team: RecipientDto;
  const swaksInstalled = hasSwaks();
  /** No test asks the internet: SPF, DKIM and DMARC records, and the transport's MX look-ups, come from here. */
  const dns = new FakeDns();

  const lastMessage = () => captured[captured.length - 1];

  async function patchSmtp(changes: Record<string, unknown>): Promise<void> {
    const res = await admin.patch<VirtualServerDto>(`/api/virtual-servers/${smtp.id}`, changes);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    smtp = res.body;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const resolver = server.app.get<symbol, DnsResolver>(DNS_RESOLVER);
    for (const method of ['resolveTxt', 'resolveMx', 'resolve4', 'resolve6', 'resolvePtr', 'lookupHost'] as const) {
      vi.spyOn(resolver, method).mockImplementation((name: string) =>
        (dns[method] as (n: string) => Promise<never>)(name),
      );
    }
    admin = await server.login();
    captured = captureSubmissions(server.app);
    const [mail1] = (await admin.get<ServerDto[]>('/api/servers')).body;
    smtp = (await admin.get<VirtualServerDto[]>(`/api/servers/${mail1.id}/virtual-servers`)).body.find(
      (v) => v.protocol === 'smtp',
    ) as VirtualServerDto;
    alice = await createUser(admin, 'alice');
    bob = await createUser(admin, 'bob');
    boss = await createUser(admin, 'boss');
    team = await createUser(admin, 'team');
    await updateRecipient(admin, boss.id, { deliveryOptions: { sendOnBehalfIds: [alice.id] } });
    await updateRecipient(admin, team.id, { deliveryOptions: { sendAsIds: [alice.id] } });
  });
  afterAll(async () => server?.close());

  describe('listeners', () => {
    it('binds the SMTP virtual server’s three ports and says its name', async () => {
      expect(server.ports['smtp']).toBeGreaterThan(0);
      expect(server.ports['submission']).toBeGreaterThan(0);
      expect(server.ports['smtps']).toBeGreaterThan(0);
      expect(server.ports['Default SMTP Virtual Server/smtp']).toBe(server.ports['smtp']);
      const client = await SmtpTestClient.connect(server.ports['smtp']);
      expect(await client.readLine()).toBe('220 mail1.test.example ESMTP Estafette');
      client.send('EHLO probe.example');
      const features = await client.readReply();
      expect(features[0]).toBe('250-mail1.test.example Nice to meet you, [127.0.0.1]');
      for (const f of [
        'PIPELINING',
        '8BITMIME',
        'SMTPUTF8',
        'ENHANCEDSTATUSCODES',
        'DSN',
        'STARTTLS',
        'AUTH PLAIN LOGIN',
      ])
        expect(features).toContain(`250-${f}`);
      expect(features).toContain(`250 SIZE ${10240 * 1024}`);
      await client.close();
    });
  });

  describe('port 25 (MX)', () => {
    it('accepts mail for a local user with a queue id, refuses unknown users and relaying (nodemailer)', async () => {
      const transport = createTransport({
        host: '127.0.0.1',
        port: server.ports['smtp'],
        secure: false,
        ignoreTLS: true,
      });
      const info = await transport.sendMail({
        from: 'someone@remote.example',
        to: 'BOB@Test.Example',
        subject: 'hello from nodemailer',
        text: 'Hi Bob.',
      });
      expect(info.response).toMatch(/^250 2\.0\.0 Ok: queued as \S+$/);
      const queueId = /queued as (\S+)/.exec(info.response)?.[1];
      expect(lastMessage().result.queueId).toBe(queueId);
      expect(lastMessage().envelope).toMatchObject({
        mailFrom: 'someone@remote.example',
        // smtp-server writes the domain in lower case; the local part stays as sent.
        recipients: [{ address: 'BOB@test.example' }],
        authenticatedRecipientId: null,
        clientAddress: '127.0.0.1',
        transmissionType: 'ESMTP',
        entryPoint: 'smtp',
      });
      const text = lastMessage().data.toString();
      expect(text).toMatch(/^Authentication-Results: mail1\.test\.example;/);
      expect(text).toMatch(
        /\r\nReceived: from \[127\.0\.0\.1\] \(\[127\.0\.0\.1\]\)\r\n\tby mail1\.test\.example \(Estafette\) with ESMTP id /,
      );

      await expect(
        transport.sendMail({ from: 'someone@remote.example', to: 'nobody@test.example', subject: 'x', text: 'x' }),
      ).rejects.toMatchObject({ responseCode: 550, response: expect.stringMatching(/^550 5\.1\.1 /) });
      await expect(
        transport.sendMail({ from: 'someone@remote.example', to: 'friend@elsewhere.example', subject: 'x', text: 'x' }),
      ).rejects.toMatchObject({
        responseCode: 554,
        response: expect.stringMatching(/^554 5\.7\.1 Relay access denied/),
      });
      transport.close();
    });

    it('works as a plain session typed by hand (telnet, nc)', async () => {
      const client = await SmtpTestClient.connect(server.ports['smtp']);
      await playTranscript(
        client,
        `S: 220 mail1.test.example ESMTP Estafette
C: helo workstation
S: 250 mail1.test.example Nice to meet you, [127.0.0.1]
C: mail from:<student@remote.example>
S: 250 2.1.0 Accepted
C: rcpt to:<bob@test.example>
S: 250 2.1.5 Accepted
C: rcpt to:<root@test.example>
S: 550 5.1.1 Recipient address rejected: root@test.example: user unknown
C: dat
S: 500 5.5.2 Error: command not recognized
C: data
S: 354 End data with <CR><LF>.<CR><LF>
C: Subject: typed
C:
C: typed in nc
C: .
S: 250 2.0.0 Ok: queued as *
C: quit
S: 221 2.0.0 Bye`,
      );
      await client.close();
      expect(lastMessage().envelope.transmissionType).toBe('SMTP');
      expect(lastMessage().data.toString()).toMatch(
        /\r\nMessage-ID: <[^>]+@mail1\.test\.example>\r\nSubject: typed\r\n\r\ntyped in nc\r\n$/,
      );
    });

    it('answers pipelined commands in order (RFC 2920)', async () => {
      const client = await session(server.ports['smtp']);
      await client.command('EHLO pipe.example');
      client.write(
        'MAIL FROM:<a@remote.example>\r\nRCPT TO:<bob@test.example>\r\nRCPT TO:<ghost@test.example>\r\nRCPT TO:<x@far.example>\r\nDATA\r\n',
      );
      const replies = [];
      for (let i = 0; i < 5; i++) replies.push((await client.readReply()).pop());
      expect(replies.map((r) => r?.slice(0, 9))).toEqual([
        '250 2.1.0',
        '250 2.1.5',
        '550 5.1.1',
        '554 5.7.1',
        '354 End d',
      ]);
      client.write('Subject: piped\r\n\r\nbody\r\n.\r\nQUIT\r\n');
      expect((await client.readReply()).pop()).toMatch(/^250 2\.0\.0 Ok: queued as /);
      expect((await client.readReply()).pop()).toBe('221 2.0.0 Bye');
      await client.close();
    });

    it('talks to Python smtplib in plain text and over STARTTLS', async () => {
      const plain = await smtplib('plain', server.ports['smtp'], {
        from: 'py@remote.example',
        to: ['bob@test.example'],
      });
      expect(plain.features).toEqual(
        expect.arrayContaining([
          '8bitmime',
          'dsn',
          'enhancedstatuscodes',
          'pipelining',
          'size',
          'smtputf8',
          'starttls',
        ]),
      );
      expect(plain.transaction.data?.code).toBe(250);

      const tls = await smtplib('plain', server.ports['smtp'], {
        starttls: true,
        from: 'py@remote.example',
        to: ['bob@test.example'],
      });
      expect(tls.starttls?.code).toBe(220);
      expect(tls.features_tls).not.toContain('starttls');
      expect(tls.transaction.data?.message).toMatch(/^2\.0\.0 Ok: queued as /);
      expect(lastMessage().envelope.transmissionType).toBe('ESMTPS');
      expect(lastMessage().data.toString()).toMatch(/with ESMTPS id \S+\r\n\t\(version=TLSv1\.[23] cipher=/);
    });

    it('lets the relayFrom networks relay, and only them', async () => {
      await patchSmtp({ settings: { relay: { allowAuthenticatedRelay: true, relayFrom: ['127.0.0.0/8'] } } });
      await eventually(async () => {
        const client = await session(server.ports['smtp']);
        await client.command('EHLO relay.example');
        await client.command('MAIL FROM:<app@relay.example>');
        expect(await client.command('RCPT TO:<someone@far.example>')).toBe('250 2.1.5 Accepted');
        await client.close();
      });
      await patchSmtp({ settings: { relay: { allowAuthenticatedRelay: true, relayFrom: [] } } });
      await eventually(async () => {
        const client = await session(server.ports['smtp']);
        await client.command('EHLO relay.example');
        await client.command('MAIL FROM:<app@relay.example>');
        expect(await client.command('RCPT TO:<someone@far.example>')).toMatch(/^554 5\.7\.1 /);
        await client.close();
      });
    });

    it('honours the anonymous access flag: without it, MAIL needs AUTH first (530 5.7.0, smtplib)', async () => {
      expect(smtp.authMethods).toContain('anonymous');
      await patchSmtp({ authMethods: ['plain', 'login'] });
      try {
        await eventually(async () => {
          const py = await smtplib('plain', server.ports['smtp'], {
            from: 'someone@remote.example',
            to: ['bob@test.example'],
          });
          expect(py.transaction.mail.code).toBe(530);
          expect(py.transaction.mail.message).toMatch(/^5\.7\.0 Authentication required/);
          expect(py.transaction.rcpt.map((r) => r.code)).toEqual([503]);
        });
        const authenticated = await smtplib('plain', server.ports['smtp'], {
          starttls: true,
          user: 'alice',
          password: PASSWORD,
          from: 'alice@test.example',
          to: ['bob@test.example'],
        });
        expect(authenticated.auth?.code).toBe(235);
        expect(authenticated.transaction.data?.code).toBe(250);
      } finally {
        await patchSmtp({ authMethods: ['anonymous', 'plain', 'login'] });
      }
      await eventually(async () => {
        const py = await smtplib('plain', server.ports['smtp'], {
          from: 'someone@remote.example',
          to: ['bob@test.example'],
        });
        expect(py.transaction.data?.code).toBe(250);
      });
    });

    it('sends through swaks, pipelined', async (context) => {
      if (!(await swaksInstalled)) context.skip('swaks is not installed (apt-get install swaks)');
      const result = await swaks([
        '--port',
        String(server.ports['smtp']),
        '--from',
        'swaks@remote.example',
        '--to',
        'bob@test.example',
        '--pipeline',
        '--header',
        'Subject: from swaks',
      ]);
      expect(result.output).toMatch(/<- +250 2\.0\.0 Ok: queued as /);
      expect(result.code).toBe(0);
      const refused = await swaks([
        '--port',
        String(server.ports['smtp']),
        '--from',
        'swaks@remote.example',
        '--to',
        'x@far.example',
      ]);
      expect(refused.output).toMatch(/<\*\* +554 5\.7\.1 Relay access denied/);
    });
  });

  describe('submission (587) and SMTPS (465)', () => {
    it('requires AUTH before MAIL and refuses AUTH before TLS', async () => {
      const client = await session(server.ports['submission']);
      await client.command('EHLO laptop.example');
      expect(await client.command('MAIL FROM:<alice@test.example>')).toBe('530 5.7.0 Authentication required');
      expect(await client.command(`AUTH PLAIN ${plainAuth('alice')}`)).toMatch(/^538 5\.7\.11 /);
      await client.close();

      const py = await smtplib('plain', server.ports['submission'], {
        user: 'alice',
        password: PASSWORD,
        from: 'alice@test.example',
        to: ['bob@test.example'],
      });
      expect(py.auth?.code).toBe(538);
      expect(py.transaction.mail.code).toBe(530);
    });

    it('authenticates with AUTH PLAIN and LOGIN over STARTTLS (smtplib) and refuses a wrong password', async () => {
      for (const mechanism of ['PLAIN', 'LOGIN']) {
        const py = await smtplib('plain', server.ports['submission'], {
          starttls: true,
          user: 'alice',
          password: PASSWORD,
          mechanism,
          from: 'alice@test.example',
          to: ['bob@test.example', 'friend@elsewhere.example'],
        });
        expect(py.auth, mechanism).toEqual({ code: 235, message: '2.7.0 Authentication successful' });
        expect(py.transaction.rcpt.map((r) => r.code)).toEqual([250, 250]);
        expect(py.transaction.data?.code).toBe(250);
        expect(lastMessage().envelope).toMatchObject({
          authenticatedRecipientId: alice.id,
          transmissionType: 'ESMTPSA',
          entryPoint: 'submission',
        });
      }
      const wrong = await smtplib('plain', server.ports['submission'], {
        starttls: true,
        user: 'alice',
        password: 'wrong',
        from: 'alice@test.example',
        to: ['bob@test.example'],
      });
      expect(wrong.auth?.code).toBe(535);
      expect(wrong.auth?.message).toBe('5.7.8 Authentication credentials invalid');
    });

    it('speaks implicit TLS on the SMTPS port (smtplib SMTP_SSL)', async () => {
      const py = await smtplib('smtps', server.ports['smtps'], {
        user: 'alice@test.example',
        password: PASSWORD,
        from: 'alice@test.example',
        to: ['bob@test.example'],
      });
      expect(py.auth?.code).toBe(235);
      expect(py.transaction.data?.code).toBe(250);
    });

    it('enforces the sender identity: own address, Send As, Send on Behalf (Sender field), else 553 5.7.1', async () => {
      const transport = createTransport({
        host: '127.0.0.1',
        port: server.ports['submission'],
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
        auth: { user: 'alice', pass: PASSWORD },
      });
      await expect(
        transport.sendMail({ from: 'bob@test.example', to: 'boss@test.example', subject: 'x', text: 'x' }),
      ).rejects.toMatchObject({
        responseCode: 553,
        response: expect.stringMatching(/^553 5\.7\.1 Sender address rejected/),
      });
      await expect(
        transport.sendMail({
          envelope: { from: 'alice@test.example', to: ['bob@test.example'] },
          from: 'bob@test.example',
          to: 'bob@test.example',
          subject: 'forged From',
          text: 'x',
        }),
      ).rejects.toMatchObject({
        responseCode: 553,
        response: expect.stringMatching(/^553 5\.7\.1 From address bob@test\.example rejected/),
      });

      await transport.sendMail({
        from: 'Team <team@test.example>',
        to: 'bob@test.example',
        subject: 'as the team',
        text: 'x',
      });
      expect(lastMessage().data.toString()).not.toMatch(/\r\nSender:/i);

      await transport.sendMail({
        from: 'The Boss <boss@test.example>',
        sender: 'mallory@evil.example',
        to: 'bob@test.example',
        subject: 'for the boss',
        text: 'x',
      });
      const onBehalf = lastMessage().data.toString();
      expect(onBehalf).toContain('\r\nSender: Alice Tester <alice@test.example>\r\n');
      expect(onBehalf).not.toContain('mallory@evil.example');
      expect(lastMessage().envelope.mailFrom).toBe('boss@test.example');

      await transport.sendMail({
        from: 'alice@test.example',
        to: 'friend@elsewhere.example',
        subject: 'relay',
        text: 'x',
      });
      expect(lastMessage().envelope.recipients).toEqual([
        { address: 'friend@elsewhere.example', dsn: expect.anything() },
      ]);
      transport.close();
    });

    it('refuses MAIL FROM with 552 5.2.2 when the mailbox is over its prohibit-send quota', async () => {
      const quota = vi.spyOn(server.app.get(QuotaService), 'canSend').mockResolvedValue(false);
      try {
        const client = await session(server.ports['submission']);
        await client.command('EHLO laptop.example');
        await client.command('STARTTLS');
        await client.upgrade();
        await client.command('EHLO laptop.example');
        expect(await client.command(`AUTH PLAIN ${plainAuth('alice')}`)).toMatch(/^235 /);
        expect(await client.command('MAIL FROM:<alice@test.example>')).toMatch(
          /^552 5\.2\.2 Mailbox full: prohibit send/,
        );
        await client.close();
      } finally {
        quota.mockRestore();
      }
    });

    it('sends through swaks with STARTTLS and AUTH', async (context) => {
      if (!(await swaksInstalled)) context.skip('swaks is not installed (apt-get install swaks)');
      const result = await swaks([
        '--port',
        String(server.ports['submission']),
        '--tls',
        '--auth',
        'LOGIN',
        '--auth-user',
        'alice',
        '--auth-password',
        PASSWORD,
        '--from',
        'alice@test.example',
        '--to',
        'bob@test.example',
      ]);
      expect(result.output).toMatch(/<~ +235 2\.7\.0 Authentication successful/);
      expect(result.output).toMatch(/<~ +250 2\.0\.0 Ok: queued as /);
    });
  });

  describe('limits', () => {
    it('takes the smallest size limit: virtual server (SIZE advertised, 552 5.3.4) and the sender’s own', async () => {
      await patchSmtp({ settings: { maxMessageSizeKb: 2 } });
      await eventually(async () => {
        const client = await session(server.ports['smtp']);
        expect(await client.command('EHLO size.example')).toBe('250 SIZE 2048');
        await client.close();
      });
      const client = await session(server.ports['smtp']);
      await client.command('EHLO size.example');
      expect(await client.command('MAIL FROM:<a@remote.example> SIZE=4096')).toMatch(/^552 5\.3\.4 /);
      await client.command('MAIL FROM:<a@remote.example>');
      await client.command('RCPT TO:<bob@test.example>');
      await client.command('DATA');
      client.write(`Subject: big\r\n\r\n${'x'.repeat(76)}\r\n`.repeat(40) + '.\r\n');
      expect((await client.readReply()).pop()).toBe(
        '552 5.3.4 Message size exceeds fixed maximum message size of 2048 bytes',
      );
      expect(await client.command('NOOP')).toMatch(/^250 /);
      await client.close();
      await patchSmtp({ settings: { maxMessageSizeKb: 10240 } });

      await updateRecipient(admin, alice.id, { limits: { maxSendSizeKb: 1 } });
      const transport = createTransport({
        host: '127.0.0.1',
        port: server.ports['smtps'],
        secure: true,
        tls: { rejectUnauthorized: false },
        auth: { user: 'alice', pass: PASSWORD },
      });
      await expect(
        transport.sendMail({
          from: 'alice@test.example',
          to: 'bob@test.example',
          subject: 'x',
          text: 'y'.repeat(3000),
        }),
      ).rejects.toMatchObject({ responseCode: 552, response: expect.stringMatching(/^552 5\.3\.4 .*1024 bytes$/) });
      await updateRecipient(admin, alice.id, { limits: { maxSendSizeKb: null } });
      transport.close();
    });

    it('takes the smallest recipient limit: virtual server, then the sender’s own (452 4.5.3)', async () => {
      await patchSmtp({ settings: { maxRecipients: 2 } });
      await eventually(async () => {
        const client = await session(server.ports['smtp']);
        await client.command('EHLO many.example');
        await client.command('MAIL FROM:<a@remote.example>');
        expect(await client.command('RCPT TO:<bob@test.example>')).toMatch(/^250 /);
        expect(await client.command('RCPT TO:<boss@test.example>')).toMatch(/^250 /);
        expect(await client.command('RCPT TO:<team@test.example>')).toBe(
          '452 4.5.3 Too many recipients: at most 2 per message, send the rest in another transaction',
        );
        await client.close();
      });
      await patchSmtp({ settings: { maxRecipients: 5000 } });

      await updateRecipient(admin, alice.id, { limits: { maxRecipients: 1 } });
      const client = await session(server.ports['submission']);
      await client.command('EHLO laptop.example');
      await client.command('STARTTLS');
      await client.upgrade();
      await client.command('EHLO laptop.example');
      await client.command(`AUTH PLAIN ${plainAuth('alice')}`);
      await client.command('MAIL FROM:<alice@test.example>');
      expect(await client.command('RCPT TO:<bob@test.example>')).toMatch(/^250 /);
      expect(await client.command('RCPT TO:<boss@test.example>')).toMatch(/^452 4\.5\.3 /);
      await client.close();
      await updateRecipient(admin, alice.id, { limits: { maxRecipients: null } });
    });
  });

  describe('inbound SPF, DKIM and DMARC (port 25)', () => {
    let signed: string;

    beforeAll(async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      dns.txt.set('news._domainkey.sender.example', [
        `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
      ]);
      dns.txt.set('sender.example', ['v=spf1 ip4:127.0.0.0/8 -all']);
      dns.txt.set('_dmarc.sender.example', ['v=DMARC1; p=reject']);
      dns.txt.set('spoofed.example', ['v=spf1 ip4:192.0.2.0/24 -all']);
      dns.txt.set('_dmarc.spoofed.example', ['v=DMARC1; p=reject']);
      const message =
        'From: Sender News <news@sender.example>\r\nTo: bob@test.example\r\nSubject: signed news\r\n' +
        'Date: Sat, 28 Nov 2026 12:00:00 +0000\r\nMessage-ID: <n1@sender.example>\r\n\r\nToday’s news.\r\n';
      const key = {
        signingDomain: 'sender.example',
        selector: 'news',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      };
      signed = (await dkimSign(message, { ...key, signatureData: [key] })).signatures + message;
    });

    async function sendRaw(from: string, raw: string): Promise<string> {
      const client = await session(server.ports['smtp']);
      await client.command('EHLO mx.sender.example');
      await client.command(`MAIL FROM:<${from}>`);
      await client.command('RCPT TO:<bob@test.example>');
      await client.command('DATA');
      client.write(`${raw.replace(/\r\n\./g, '\r\n..')}.\r\n`);
      const reply = (await client.readReply()).pop() as string;
      await client.close();
      return reply;
    }

    it('passes a signed message from an allowed address, and writes Authentication-Results on top', async () => {
      expect(await sendRaw('bounces@sender.example', signed)).toMatch(/^250 /);
      const { envelope, data } = lastMessage();
      expect(envelope.authenticationResults).toMatch(/^mail1\.test\.example; dkim=pass .*spf=pass .*dmarc=pass/);
      const text = data.toString();
      expect(text).toMatch(
        /^Authentication-Results: mail1\.test\.example;\r\n dkim=pass header\.i=@sender\.example header\.s=news /,
      );
      expect(text).toMatch(/\r\n spf=pass .*smtp\.mailfrom=(bounces@)?sender\.example/);
      expect(text).toMatch(/\r\n dmarc=pass .*header\.from=sender\.example/);
    });

    it('fails a forged sender, and drops Authentication-Results the client brought', async () => {
      const forged =
        'Authentication-Results: mail1.test.example; dkim=pass header.d=spoofed.example; dmarc=pass\r\n' +
        'From: <ceo@spoofed.example>\r\nSubject: urgent\r\n\r\nPay now.\r\n';
      expect(await sendRaw('ceo@spoofed.example', forged)).toMatch(/^250 /);
      const text = lastMessage().data.toString();
      expect(text.match(/^Authentication-Results:/gm)).toHaveLength(1);
      expect(text).toMatch(/\r\n spf=fail /);
      expect(text).toMatch(/\r\n dmarc=fail /);
      expect(text).not.toMatch(/dkim=pass/);
    });

    it('does not check mail from authenticated users', async () => {
      const client = await session(server.ports['submission']);
      await client.command('EHLO laptop.example');
      await client.command('STARTTLS');
      await client.upgrade();
      await client.command('EHLO laptop.example');
      await client.command(`AUTH PLAIN ${plainAuth('alice')}`);
      await client.command('MAIL FROM:<alice@test.example>');
      await client.command('RCPT TO:<bob@test.example>');
      await client.command('DATA');
      client.write('From: alice@test.example\r\nSubject: internal\r\n\r\nx\r\n.\r\n');
      expect((await client.readReply()).pop()).toMatch(/^250 /);
      await client.close();
      expect(lastMessage().data.toString()).not.toMatch(/^Authentication-Results:/m);
      expect(lastMessage().envelope.authenticationResults).toBeUndefined();
    });
  });

  describe('directory changes without a restart', () => {
    it('moves the MX listener when its port changes through the API', async () => {
      const before = server.ports['smtp'];
      const port = await freePort();
      await patchSmtp({ port });
      await eventually(async () => expect(server.ports['smtp']).toBe(port));
      const client = await SmtpTestClient.connect(port);
      expect(await client.readLine()).toMatch(/^220 /);
      await client.close();
      await expect(SmtpTestClient.connect(before)).rejects.toThrow(/ECONNREFUSED/);
    });

    it('stops the listeners of a disabled virtual server and starts them again', async () => {
      const submission = server.ports['submission'];
      await patchSmtp({ enabled: false });
      await eventually(async () => expect(server.ports['submission']).toBeUndefined());
      await expect(SmtpTestClient.connect(submission)).rejects.toThrow(/ECONNREFUSED/);
      await patchSmtp({ enabled: true });
      await eventually(async () => expect(server.ports['submission']).toBeGreaterThan(0));
    });
  });

  describe('RecipientResolver on the real directory', () => {
    it('resolves by any address, case-insensitively, and knows the authoritative domains', async () => {
      const resolver = server.app.get(RecipientResolver);
      expect(await resolver.resolve('ALICE@test.example')).toMatchObject({
        kind: 'recipient',
        recipient: { id: alice.id },
      });
      expect(await resolver.resolve('nobody@test.example')).toBeNull();
      expect(await resolver.authoritativeDomains()).toEqual(['test.example']);
      expect(await resolver.canSendAs(alice.id, 'Boss@Test.Example')).toBe('send-on-behalf');
      expect(await resolver.canSendAs(alice.id, 'team@test.example')).toBe('send-as');
      expect(await resolver.canSendAs(alice.id, 'alice@test.example')).toBe('own');
      expect(await resolver.canSendAs(bob.id, 'alice@test.example')).toBeNull();
    });

    it('reads recipients with plain SQL into the entities TypeORM itself would build', async () => {
      const resolver = server.app.get(RecipientResolver);
      const db = server.app.get(DataSource);
      const resolved = await resolver.resolve('boss@test.example');
      if (resolved?.kind !== 'recipient') throw new Error('boss@test.example should be a recipient');
      const typeorm = await db.getRepository(RecipientEntity).findOneByOrFail({ id: resolved.recipient.id });
      expect(resolved.recipient).toEqual(typeorm);
      expect(resolved.recipient.sendOnBehalfIds).toEqual([alice.id]);
      expect(await resolver.findById(alice.id)).toEqual(
        await db.getRepository(RecipientEntity).findOneBy({ id: alice.id }),
      );
    });
  });
});
