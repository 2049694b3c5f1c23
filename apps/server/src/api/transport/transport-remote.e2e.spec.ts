import { dkimVerify } from 'mailauth';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueDetailDto, QueuedMessageDto, QueueSummaryDto, RecipientDto } from '@estafette/contracts';
import { MailboxStatsService } from '@estafette/store';
// The estafette CLI, run in-process against this server (apps/cli's own e2e spec imports the server the same way).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { runCli } from '../../../../cli/src/cli';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { testRuntime } from '../../../../cli/src/testing/fake-api';
import { TEST_ADMIN_PASSWORD } from '../../testing/test-server';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import {
  createRecipient,
  dsnRecipients,
  fakeDns,
  rfc822,
  startSmtpPeer,
  submit,
  track,
  waitFor,
  type SmtpPeer,
} from './testing/transport-fixtures';

/**
 * Remote delivery to an SMTP peer on loopback through a fake MX, retries, reports, smart hosts and
 * Queue Viewer's actions. Retries come every 1.2 s here instead of 15 minutes.
 */
describe('transport: remote delivery and queues', () => {
  let server: TestServer;
  let admin: ApiClient;
  let peer: SmtpPeer;
  let ann: RecipientDto;
  const refusals = new Map<string, { code: number; message: string }>();
  const tempFailuresLeft = new Map<string, number>();

  beforeAll(async () => {
    peer = await startSmtpPeer();
    peer.rcpt = (address) => {
      const left = tempFailuresLeft.get(address) ?? 0;
      if (left > 0) {
        tempFailuresLeft.set(address, left - 1);
        return { code: 451, message: '4.3.0 try again later' };
      }
      return refusals.get(address) ?? null;
    };
    process.env['ESTAFETTE_OUTBOUND_SMTP_PORT'] = String(peer.port);
    process.env['ESTAFETTE_QUEUE_RETRY_MINUTES'] = '0.02';
    process.env['ESTAFETTE_QUEUE_POLL_MS'] = '200';
    server = await startTestServer();
    admin = await server.login();
    fakeDns(server.app, {
      mx: { 'remote.example': 'mx.remote.example', 'other.example': 'mx.other.example' },
      a: { 'mx.remote.example': '127.0.0.1', 'mx.other.example': '127.0.0.1' },
    });
    ann = await createRecipient(admin, { kind: 'user', alias: 'ann', firstName: 'Ann' });
  });
  afterAll(async () => {
    await server?.close();
    await peer?.close();
  });

  const deliveredTo = (address: string) => peer.received.filter((m) => m.from !== '' && m.to.includes(address));
  const reportsTo = (address: string) => peer.received.filter((m) => m.from === '' && m.to.includes(address));

  it('delivers by MX over STARTTLS, reusing connections, and logs the transfer', async () => {
    const send = (i: number) =>
      submit(
        server.app,
        {
          mailFrom: 'ann@test.example',
          recipients: [{ address: 'bob@remote.example' }, { address: 'cyd@remote.example' }],
          authenticatedRecipientId: ann.id,
          entryPoint: 'submission',
        },
        rfc822({
          From: 'Ann <ann@test.example>',
          To: 'bob@remote.example',
          Subject: `Report ${i}`,
          'Message-ID': `<report-${i}@test.example>`,
        }),
      );
    const sent = [await send(0), await send(1), await send(2)];
    await waitFor('three messages at the peer', async () => deliveredTo('bob@remote.example').length === 3);
    const first = deliveredTo('bob@remote.example')[0];
    expect(first).toMatchObject({
      from: 'ann@test.example',
      to: ['bob@remote.example', 'cyd@remote.example'],
      secure: true,
    });
    expect((await simpleParser(first.data)).subject).toMatch(/^Report \d$/);
    // The pool keeps its connections to this destination: the next messages open none.
    const connections = peer.connections;
    sent.push(await send(3), await send(4));
    await waitFor('two more', async () => deliveredTo('bob@remote.example').length === 5);
    expect(peer.connections).toBe(connections);
    const events = await waitFor('the transfer in the log', async () => {
      const found = await track(admin, { messageId: 'report-0@test.example' });
      return found.filter((e) => e.event === 'transferred').length === 2 ? found : null;
    });
    expect(events.find((e) => e.event === 'routed')?.detail).toBe('domain:remote.example');
    expect(events.find((e) => e.event === 'transferred')?.detail).toMatch(/^to mx\.remote\.example: 250/);
    expect(sent.every((s) => s.queueId.length === 14)).toBe(true);
  });

  it('DKIM-signs mail leaving the organisation when the author’s domain has a key', async () => {
    const key = await admin.post<{ dnsName: string; dnsRecord: string }>('/api/dkim-keys', {
      domain: 'test.example',
      selector: 'mail2026',
    });
    expect(key.status).toBe(201);
    await submit(
      server.app,
      {
        mailFrom: 'ann@test.example',
        recipients: [{ address: 'signed@remote.example' }],
        authenticatedRecipientId: ann.id,
        entryPoint: 'submission',
      },
      rfc822({
        From: 'Ann <ann@test.example>',
        To: 'signed@remote.example',
        Subject: 'signed',
        'Message-ID': '<signed@test.example>',
      }),
    );
    const [mail] = await waitFor('the signed message', async () => {
      const found = deliveredTo('signed@remote.example');
      return found.length > 0 ? found : null;
    });
    expect(mail.data).toMatch(/^DKIM-Signature: /);
    const verified = await dkimVerify(Buffer.from(mail.data), {
      resolver: async (name: string, type: string) => {
        if (type === 'TXT' && name === key.body.dnsName) return [[key.body.dnsRecord]];
        throw Object.assign(new Error(`no ${type} for ${name}`), { code: 'ENOTFOUND' });
      },
    });
    // On a failure, the message says why (mailauth's comment: body hash or signature) and shows the message.
    expect(
      verified.results.map((r) => [r.signingDomain, r.status.result]),
      `${JSON.stringify(verified.results.map((r) => r.status))}\n${mail.data}`,
    ).toEqual([['test.example', 'pass']]);
  });

  it('retries a temporary failure, then delivers', async () => {
    tempFailuresLeft.set('later@remote.example', 2);
    await submit(
      server.app,
      { mailFrom: 'sender@other.example', recipients: [{ address: 'later@remote.example' }] },
      rfc822({ Subject: 'patience', 'Message-ID': '<patience@other.example>' }),
    );
    await waitFor('delivery after retries', async () => deliveredTo('later@remote.example').length === 1);
    // The peer has the message when it answers 250; the transfer is logged with the outcome, just after.
    const events = await waitFor('the transfer in the log', async () => {
      const found = (await track(admin, { messageId: 'patience@other.example' })).map((e) => e.event);
      return found.includes('transferred') ? found : null;
    });
    expect(events.filter((e) => e === 'deferred')).toHaveLength(2);
    expect(events.at(-1)).toBe('transferred');
    expect(reportsTo('sender@other.example')).toEqual([]);
  });

  it('returns a permanent refusal to the sender with the remote reply', async () => {
    refusals.set('gone@remote.example', { code: 550, message: '5.1.1 <gone@remote.example>: no such user' });
    await submit(
      server.app,
      {
        mailFrom: 'sender@other.example',
        recipients: [{ address: 'gone@remote.example' }, { address: 'here@remote.example' }],
        dsnReturn: 'FULL',
      },
      rfc822({ Subject: 'hello', 'Message-ID': '<gone@other.example>' }, 'The whole body.\r\n'),
    );
    const [report] = await waitFor('the report', async () => {
      const found = reportsTo('sender@other.example');
      return found.length > 0 ? found : null;
    });
    expect(deliveredTo('here@remote.example')).toHaveLength(1);
    expect(dsnRecipients(report.data)).toEqual([
      {
        'final-recipient': 'rfc822;gone@remote.example',
        action: 'failed',
        status: '5.1.1',
        'remote-mta': 'dns;mx.remote.example',
        'diagnostic-code': 'smtp;550 5.1.1 <gone@remote.example>: no such user',
        'last-attempt-date': expect.any(String),
      },
    ]);
    // RET=FULL: the message comes back whole.
    expect(report.data).toContain('Content-Type: message/rfc822');
    expect(report.data).toContain('The whole body.');
  });

  it('routes by SMTP connector address space to its smart host', async () => {
    const res = await admin.post('/api/smtp-connectors', {
      name: 'Partners',
      routingGroupId: (await admin.get<Array<{ id: string }>>('/api/routing-groups')).body[0].id,
      addressSpaces: [{ type: 'SMTP', address: '*.partner.example', cost: 1 }],
      smartHost: `[127.0.0.1]:${peer.port}`,
    });
    expect(res.status).toBe(201);
    await new Promise((r) => setTimeout(r, 2_100)); // the routing topology is cached for 2 s
    await submit(
      server.app,
      { mailFrom: 'sender@other.example', recipients: [{ address: 'pat@eu.partner.example' }] },
      rfc822({ Subject: 'via smart host', 'Message-ID': '<smart@other.example>' }),
    );
    await waitFor('delivery through the smart host', async () => deliveredTo('pat@eu.partner.example').length === 1);
    const routed = (await track(admin, { messageId: 'smart@other.example' })).find((e) => e.event === 'routed');
    expect(routed?.detail).toBe('connector:Partners');
  });

  it('stops looping messages by hop count (5.4.6)', async () => {
    const received = Array.from(
      { length: 31 },
      (_, i) => `Received: from hop${i}.example by hop${i + 1}.example; Sat, 28 Nov 2026 12:00:00 +0000`,
    ).join('\r\n');
    await submit(
      server.app,
      { mailFrom: 'sender@other.example', recipients: [{ address: 'loop@remote.example' }] },
      `${received}\r\n${rfc822({ Subject: 'loop', 'Message-ID': '<loop@other.example>' })}`,
    );
    const failed = await waitFor('the loop', async () =>
      (await track(admin, { messageId: 'loop@other.example' })).find((e) => e.event === 'failed'),
    );
    expect(failed.status).toBe('5.4.6');
    expect(deliveredTo('loop@remote.example')).toEqual([]);
  });

  it('lets an administrator see, freeze, unfreeze, retry and delete queued mail', async () => {
    refusals.set('stuck@remote.example', { code: 451, message: '4.2.1 mailbox busy' });
    const sent = await submit(
      server.app,
      { mailFrom: 'sender@other.example', recipients: [{ address: 'stuck@remote.example' }] },
      rfc822({ Subject: 'stuck', 'Message-ID': '<stuck@other.example>' }),
    );
    const queue = await waitFor('the remote queue', async () => {
      const queues = (await admin.get<QueueSummaryDto[]>('/api/queues')).body;
      return queues.find((q) => q.name === 'domain:remote.example' && q.lastError);
    });
    expect(queue).toMatchObject({
      displayName: 'remote.example',
      kind: 'mx',
      messageCount: 1,
      recipientCount: 1,
      lastError: '451 4.2.1 mailbox busy',
    });
    const detail = await admin.get<QueueDetailDto>(`/api/queues/${encodeURIComponent('domain:remote.example')}`);
    expect(detail.status).toBe(200);
    expect(detail.body.messages.map((m) => m.id)).toEqual([sent.queueId]);
    expect(detail.body.messages[0]).toMatchObject({
      sender: 'sender@other.example',
      subject: 'stuck',
      state: 'routed',
    });
    expect((await admin.get(`/api/queues/${encodeURIComponent('domain:nowhere.example')}`)).status).toBe(404);

    const frozen = await admin.post<QueuedMessageDto>(`/api/queues/messages/${sent.queueId}/freeze`);
    expect(frozen.status).toBe(200);
    expect(frozen.body.recipients[0].frozen).toBe(true);
    await waitFor('a frozen queue', async () =>
      (await admin.get<QueueSummaryDto[]>('/api/queues')).body.find(
        (q) => q.name === 'domain:remote.example' && q.state === 'frozen',
      ),
    );
    const attempts = (await admin.get<QueuedMessageDto>(`/api/queues/messages/${sent.queueId}`)).body.recipients[0]
      .attempts;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(
      (await admin.get<QueuedMessageDto>(`/api/queues/messages/${sent.queueId}`)).body.recipients[0].attempts,
    ).toBe(attempts);

    expect((await admin.post(`/api/queues/messages/${sent.queueId}/unfreeze`)).status).toBe(200);
    expect((await admin.post(`/api/queues/messages/${sent.queueId}/retry`)).status).toBe(200);
    await waitFor(
      'another attempt',
      async () =>
        (await admin.get<QueuedMessageDto>(`/api/queues/messages/${sent.queueId}`)).body.recipients[0].attempts >
        attempts,
    );

    const deleted = await admin.delete<QueuedMessageDto>(`/api/queues/messages/${sent.queueId}?ndr=true`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.recipients[0]).toMatchObject({ state: 'failed', status: '4.3.2' });
    const [report] = await waitFor('the deletion report', async () => {
      const found = reportsTo('sender@other.example').filter((m) => m.data.includes('stuck@other.example'));
      return found.length > 0 ? found : null;
    });
    expect(dsnRecipients(report.data)[0]).toMatchObject({ action: 'failed', status: '4.3.2' });
    await waitFor(
      'the message leaves the queue',
      async () => (await admin.get(`/api/queues/messages/${sent.queueId}`)).status === 404,
    );
    const audit = await admin.get<Array<{ action: string }>>(
      `/api/audit?objectType=queued-message&objectId=${sent.queueId}`,
    );
    expect(audit.body.map((e) => e.action).sort()).toEqual([
      'delete-message',
      'freeze-message',
      'retry-message',
      'unfreeze-message',
    ]);
    const logged = (await track(admin, { messageId: 'stuck@other.example' })).map((e) => e.event);
    expect(logged).toEqual(expect.arrayContaining(['frozen', 'unfrozen', 'retried', 'deleted', 'ndr-sent']));
    expect((await admin.post('/api/queues/messages/NOSUCHMESSAGE1/freeze')).status).toBe(404);
  });

  it('needs the read permission to look and write to act', async () => {
    await createRecipient(admin, { kind: 'user', alias: 'viewer', firstName: 'Vi', password: 'Viewer-Passw0rd!' });
    const anonymous = await fetch(`${server.baseUrl}/api/queues`);
    expect(anonymous.status).toBe(401);
    const viewer = await server.login('viewer', 'Viewer-Passw0rd!');
    expect((await viewer.get('/api/queues')).status).toBe(403);
    expect((await viewer.get('/api/tracking')).status).toBe(403);
  });

  it('keeps local mail local while remote mail waits', async () => {
    const stats = server.app.get(MailboxStatsService);
    const before = (await stats.stats(ann.id)).totalItems;
    await submit(
      server.app,
      { mailFrom: 'sender@other.example', recipients: [{ address: 'ann@test.example' }] },
      rfc822({ Subject: 'local' }),
    );
    await waitFor('local delivery', async () => (await stats.stats(ann.id)).totalItems === before + 1);
  });

  /** The estafette CLI, in-process, against this server. */
  async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const t = testRuntime(fetch, {
      ESTAFETTE_URL: server.baseUrl,
      ESTAFETTE_USER: 'administrator',
      ESTAFETTE_PASSWORD: TEST_ADMIN_PASSWORD,
    });
    const code = await runCli(argv, t.runtime);
    return { code, stdout: t.stdout(), stderr: t.stderr() };
  }

  it('holds mail for a dismounted store (4.2.1) and delivers it once the store is mounted (CLI)', async () => {
    const stats = server.app.get(MailboxStatsService);
    const before = (await stats.stats(ann.id)).totalItems;
    const store = (await stats.stats(ann.id)).store?.name as string;
    const down = await cli('store', 'dismount', store);
    expect(down).toMatchObject({ code: 0, stdout: `${store} is dismounted\n` });
    await submit(
      server.app,
      { mailFrom: 'sender@other.example', recipients: [{ address: 'ann@test.example' }] },
      rfc822({ Subject: 'wait for me', 'Message-ID': '<wait@other.example>' }),
    );
    const deferred = await waitFor('a deferral', async () =>
      (await track(admin, { messageId: 'wait@other.example' })).find((e) => e.event === 'deferred'),
    );
    expect(deferred.status).toBe('4.2.1');
    const queues = JSON.parse((await cli('queue', 'list', '--json')).stdout) as QueueSummaryDto[];
    expect(queues.find((q) => q.name === 'local')).toMatchObject({ kind: 'local', displayName: 'Local delivery' });
    const shown = await cli('queue', 'show', 'local');
    expect(shown.stdout).toContain('Local delivery (local)');
    expect(shown.stdout).toContain('wait for me');
    expect((await cli('store', 'mount', store)).stdout).toBe(`${store} is mounted\n`);
    await waitFor('delivery after mounting', async () => (await stats.stats(ann.id)).totalItems === before + 1);
    const tracked = JSON.parse((await cli('track', '--message-id', 'wait@other.example', '--json')).stdout) as Array<{
      event: string;
    }>;
    expect(tracked.map((e) => e.event)).toEqual(
      expect.arrayContaining(['received', 'routed', 'deferred', 'delivered']),
    );
    const mailbox = JSON.parse((await cli('mailbox', 'stats', 'ann', '--json')).stdout) as { totalItems: number };
    expect(mailbox.totalItems).toBe(before + 1);
  });
});
