import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecipientDto } from '@estafette/contracts';
import {
  BLOB_STORE,
  MAILBOX_DELIVERY,
  MailboxStatsService,
  QUEUE_NAMESPACE,
  type BlobStore,
  type MailboxDelivery,
} from '@estafette/store';
import { QueueBlobGc, TransportClock } from '@estafette/transport';
import { DataSource } from 'typeorm';
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
  type ReceivedMail,
  type SmtpPeer,
} from './testing/transport-fixtures';

/**
 * The categorizer and local delivery end to end: directory recipients, groups, forwarding,
 * restrictions and limits, reports to a remote sender (through a fake MX: an SMTP peer on
 * loopback) and the tracking log.
 */
describe('transport: categorizer and local delivery', () => {
  let server: TestServer;
  let admin: ApiClient;
  let peer: SmtpPeer;
  let stats: MailboxStatsService;
  const users: Record<string, RecipientDto> = {};
  const inbox = async (name: string) => (await stats.stats(users[name].id)).totalItems;
  const reportsTo = (address: string) => peer.received.filter((m) => m.from === '' && m.to.includes(address));
  const remote = (local: string) => `${local}@remote.example`;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    process.env['ESTAFETTE_OUTBOUND_SMTP_PORT'] = String(peer.port);
    process.env['ESTAFETTE_QUEUE_POLL_MS'] = '200';
    server = await startTestServer();
    admin = await server.login();
    fakeDns(server.app, { mx: { 'remote.example': 'mx.remote.example' }, a: { 'mx.remote.example': '127.0.0.1' } });
    stats = server.app.get(MailboxStatsService);
    for (const alias of ['ann', 'bob', 'cyd', 'dan', 'eve', 'fay']) {
      users[alias] = await createRecipient(admin, {
        kind: 'user',
        alias,
        firstName: alias,
        department: alias === 'eve' || alias === 'fay' ? 'Sales' : '',
      });
    }
  });
  afterAll(async () => {
    await server?.close();
    await peer?.close();
  });

  it('delivers to a mailbox by any of its addresses and logs every step', async () => {
    const sent = await submit(
      server.app,
      { mailFrom: remote('sender'), recipients: [{ address: 'ANN@Test.Example' }] },
      rfc822({
        From: remote('sender'),
        To: 'ann@test.example',
        Subject: 'Welcome',
        'Message-ID': '<welcome-1@remote.example>',
      }),
    );
    expect(sent).toEqual({ queueId: expect.stringMatching(/^[0-9A-Z]{14}$/), messageId: '<welcome-1@remote.example>' });
    await waitFor('delivery to ann', async () => (await inbox('ann')) === 1);
    const events = await waitFor('the tracking log', async () => {
      const found = await track(admin, { messageId: 'welcome-1@remote.example' });
      return found.some((e) => e.event === 'delivered') ? found : null;
    });
    expect(events.map((e) => e.event)).toEqual(['received', 'submitted', 'routed', 'delivered']);
    expect(events.every((e) => e.queueId === sent.queueId && e.server === 'mail1.test.example')).toBe(true);
    expect(events[2]).toMatchObject({ recipient: 'ann@test.example', detail: expect.stringMatching(/^local/) });
    expect(
      (await track(admin, { recipient: 'ann@test.example', sender: remote('SENDER') })).map((e) => e.event),
    ).toContain('delivered');
    const later = new Date(Date.now() + 3600_000).toISOString();
    expect(await track(admin, { messageId: '<welcome-1@remote.example>', from: later })).toEqual([]);
    expect((await admin.get('/api/tracking?from=yesterday')).status).toBe(400);
  });

  it('expands nested and query-based groups, one copy per recipient', async () => {
    const [ann0, bob0, cyd0, eve0, fay0] = await Promise.all(['ann', 'bob', 'cyd', 'eve', 'fay'].map(inbox));
    const inner = await createRecipient(admin, {
      kind: 'group',
      alias: 'inner',
      displayName: 'Inner',
      memberIds: [users['bob'].id, users['ann'].id],
    });
    await createRecipient(admin, {
      kind: 'group',
      alias: 'outer',
      displayName: 'Outer',
      memberIds: [inner.id, users['cyd'].id],
    });
    await createRecipient(admin, {
      kind: 'query-group',
      alias: 'sales',
      displayName: 'Sales',
      queryFilter: { attribute: 'department', operator: 'equals', value: 'Sales' },
    });
    const sent = await submit(
      server.app,
      {
        mailFrom: remote('sender'),
        recipients: [
          { address: 'outer@test.example' },
          { address: 'ann@test.example' },
          { address: 'sales@test.example' },
        ],
      },
      rfc822({ From: remote('sender'), Subject: 'To everyone' }),
    );
    await waitFor(
      'group delivery',
      async () =>
        (await Promise.all(['ann', 'bob', 'cyd', 'eve', 'fay'].map(inbox))).join() ===
        [ann0 + 1, bob0 + 1, cyd0 + 1, eve0 + 1, fay0 + 1].join(),
    );
    const expanded = (await track(admin, { sender: remote('sender') })).filter(
      (e) => e.queueId === sent.queueId && e.event === 'expanded',
    );
    expect(expanded.map((e) => [e.recipient, e.detail])).toEqual([
      ['outer@test.example', '3 member(s), for outer@test.example'],
      ['sales@test.example', '2 member(s), for sales@test.example'],
    ]);
  });

  it('forwards, to the forwarding address alone or to both', async () => {
    const [dan0, cyd0] = [await inbox('dan'), await inbox('cyd')];
    await admin.patch(`/api/recipients/${users['dan'].id}`, {
      deliveryOptions: { forwardingRecipientId: users['cyd'].id, deliverAndForward: false },
    });
    await submit(
      server.app,
      { mailFrom: remote('sender'), recipients: [{ address: 'dan@test.example' }] },
      rfc822({ Subject: 'forward me' }),
    );
    await waitFor('forwarded copy', async () => (await inbox('cyd')) === cyd0 + 1);
    expect(await inbox('dan')).toBe(dan0);
    await admin.patch(`/api/recipients/${users['dan'].id}`, { deliveryOptions: { deliverAndForward: true } });
    await submit(
      server.app,
      { mailFrom: remote('sender'), recipients: [{ address: 'dan@test.example' }] },
      rfc822({ Subject: 'both' }),
    );
    await waitFor('both copies', async () => (await inbox('cyd')) === cyd0 + 2 && (await inbox('dan')) === dan0 + 1);
    await admin.patch(`/api/recipients/${users['dan'].id}`, {
      deliveryOptions: { forwardingRecipientId: null, deliverAndForward: false },
    });
  });

  it('returns unknown recipients (5.1.1) and refused ones (5.7.1, 5.2.3) to a remote sender in one report', async () => {
    await admin.patch(`/api/recipients/${users['eve'].id}`, { restrictions: { requireAuthenticatedSenders: true } });
    await admin.patch(`/api/recipients/${users['fay'].id}`, { limits: { maxReceiveSizeKb: 1 } });
    const ann0 = await inbox('ann');
    await submit(
      server.app,
      {
        mailFrom: remote('bounce-me'),
        recipients: [
          { address: 'nobody@test.example', dsn: { originalRecipient: 'rfc822;nobody@test.example' } },
          { address: 'eve@test.example' },
          { address: 'fay@test.example' },
          { address: 'ann@test.example' },
        ],
        dsnEnvelopeId: 'ENV-7',
      },
      rfc822(
        { From: remote('bounce-me'), Subject: 'Big news', 'Message-ID': '<big@remote.example>' },
        `${'x'.repeat(2000)}\r\n`,
      ),
    );
    const [report] = await waitFor('the non-delivery report', async () => {
      const found = reportsTo(remote('bounce-me'));
      return found.length > 0 ? found : null;
    });
    await waitFor('ann still gets hers', async () => (await inbox('ann')) === ann0 + 1);
    const fields = dsnRecipients(report.data);
    expect(fields.map((f) => [f['final-recipient'], f['action'], f['status']]).sort()).toEqual([
      ['rfc822;eve@test.example', 'failed', '5.7.1'],
      ['rfc822;fay@test.example', 'failed', '5.2.3'],
      ['rfc822;nobody@test.example', 'failed', '5.1.1'],
    ]);
    expect(fields.find((f) => f['status'] === '5.1.1')?.['original-recipient']).toBe('rfc822;nobody@test.example');
    expect(report.data).toContain('Original-Envelope-Id: ENV-7');
    const mail = await simpleParser(report.data);
    expect(mail.subject).toBe('Undeliverable: Big news');
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    // RET not given: the original header section comes back, not the body.
    expect(report.data).toContain('Message-ID: <big@remote.example>');
    expect(report.data).not.toContain('x'.repeat(2000));
    const ndrEvents = (await track(admin, { messageId: 'big@remote.example' })).filter((e) => e.event === 'ndr-sent');
    expect(ndrEvents).toHaveLength(3);
    await admin.patch(`/api/recipients/${users['eve'].id}`, { restrictions: { requireAuthenticatedSenders: false } });
    await admin.patch(`/api/recipients/${users['fay'].id}`, { limits: { maxReceiveSizeKb: null } });
  });

  it('accepts authenticated senders where only they may send', async () => {
    await admin.patch(`/api/recipients/${users['eve'].id}`, { restrictions: { acceptFromIds: [users['ann'].id] } });
    const eve0 = await inbox('eve');
    await submit(
      server.app,
      {
        mailFrom: 'ann@test.example',
        recipients: [{ address: 'eve@test.example' }],
        authenticatedRecipientId: users['ann'].id,
        entryPoint: 'submission',
      },
      rfc822({ From: 'ann@test.example', Subject: 'allowed' }),
    );
    await waitFor('eve gets ann’s message', async () => (await inbox('eve')) === eve0 + 1);
    await submit(
      server.app,
      {
        mailFrom: 'bob@test.example',
        recipients: [{ address: 'eve@test.example' }],
        authenticatedRecipientId: users['bob'].id,
        entryPoint: 'submission',
      },
      rfc822({ From: 'bob@test.example', Subject: 'refused', 'Message-ID': '<refused@test.example>' }),
    );
    const failed = await waitFor('the refusal', async () =>
      (await track(admin, { messageId: 'refused@test.example' })).find((e) => e.event === 'failed'),
    );
    expect(failed).toMatchObject({ recipient: 'eve@test.example', status: '5.7.1' });
    // Bob's report lands in his own mailbox.
    await waitFor('bob’s report', async () =>
      (await track(admin, { messageId: 'refused@test.example' })).some((e) => e.event === 'ndr-sent'),
    );
    await admin.patch(`/api/recipients/${users['eve'].id}`, { restrictions: { acceptFromIds: [] } });
  });

  it('honours NOTIFY=NEVER and NOTIFY=SUCCESS, and never reports to the null sender', async () => {
    const before = peer.received.length;
    await submit(
      server.app,
      { mailFrom: remote('quiet'), recipients: [{ address: 'ghost@test.example', dsn: { notify: 'NEVER' } }] },
      rfc822({ Subject: 'never tell', 'Message-ID': '<never@remote.example>' }),
    );
    await submit(
      server.app,
      { mailFrom: null, recipients: [{ address: 'ghost@test.example' }] },
      rfc822({ Subject: 'a bounce', 'Message-ID': '<bounce@remote.example>' }),
    );
    await submit(
      server.app,
      { mailFrom: remote('happy'), recipients: [{ address: 'ann@test.example', dsn: { notify: ['SUCCESS'] } }] },
      rfc822({ Subject: 'tell me', 'Message-ID': '<tell@remote.example>' }),
    );
    const [success] = await waitFor('the success report', async () => {
      const found = reportsTo(remote('happy'));
      return found.length > 0 ? found : null;
    });
    expect(dsnRecipients(success.data)).toEqual([
      expect.objectContaining({ 'final-recipient': 'rfc822;ann@test.example', action: 'delivered', status: '2.0.0' }),
    ]);
    expect((await simpleParser(success.data)).subject).toBe('Delivered: tell me');
    for (const id of ['never@remote.example', 'bounce@remote.example']) {
      const events = await waitFor(`the failure of ${id}`, async () => {
        const found = await track(admin, { messageId: id });
        return found.some((e) => e.event === 'failed') ? found : null;
      });
      expect(events.some((e) => e.event === 'ndr-sent' || e.event === 'dsn-sent')).toBe(false);
    }
    const unexpected: ReceivedMail[] = peer.received.slice(before).filter((m) => !m.to.includes(remote('happy')));
    expect(unexpected).toEqual([]);
    // Finished messages leave the queues.
    await waitFor('empty queues', async () =>
      (await admin.get<unknown[]>('/api/queues')).body.length === 0 ? true : null,
    );
  });

  it('does not deliver twice a copy that reached the mailbox just before a crash (delivery key)', async () => {
    const delivery = server.app.get<MailboxDelivery>(MAILBOX_DELIVERY);
    const real = delivery.deliver.bind(delivery);
    // The crash window: the store commits the copy, then the process dies before the queue records it.
    // The queue item stays undelivered and is attempted again (here at once, through "retry now").
    const crash = vi.spyOn(delivery, 'deliver').mockImplementationOnce(async (request) => {
      await real(request);
      throw new Error('the server stopped before the queue committed');
    });
    try {
      const before = await inbox('cyd');
      const sent = await submit(
        server.app,
        { mailFrom: remote('sender'), recipients: [{ address: 'cyd@test.example' }] },
        rfc822({ Subject: 'once', 'Message-ID': '<once@remote.example>' }),
      );
      await waitFor('the deferral', async () =>
        (await track(admin, { messageId: 'once@remote.example' })).some((e) => e.event === 'deferred'),
      );
      expect(await inbox('cyd')).toBe(before + 1);
      expect((await admin.post(`/api/queues/messages/${sent.queueId}/retry`)).status).toBe(200);
      const delivered = await waitFor('the retried copy settled', async () =>
        (await track(admin, { messageId: 'once@remote.example' })).find((e) => e.event === 'delivered'),
      );
      expect(delivered.detail).toMatch(/already stored as \S+ \(delivered before a restart\)/);
      expect(crash).toHaveBeenCalledTimes(2);
      expect(await inbox('cyd')).toBe(before + 1);
    } finally {
      crash.mockRestore();
    }
  });

  it('stores one copy when two deliveries with one key race (unique delivery key)', async () => {
    const delivery = server.app.get<MailboxDelivery>(MAILBOX_DELIVERY);
    const blobs = server.app.get<BlobStore>(BLOB_STORE);
    const raw = Buffer.from(rfc822({ Subject: 'raced', 'Message-ID': '<raced@remote.example>' }));
    const blob = await blobs.put(QUEUE_NAMESPACE, [raw]);
    const before = await inbox('dan');
    const request = { recipientId: users['dan'].id, blob, deliveryKey: 'race-test/dan' };
    const results = await Promise.all([delivery.deliver(request), delivery.deliver(request)]);
    expect(results[0].messageId).toBe(results[1].messageId);
    expect(results.filter((r) => r.duplicate)).toHaveLength(1);
    expect(await delivery.deliver(request)).toMatchObject({ messageId: results[0].messageId, duplicate: true });
    expect(await inbox('dan')).toBe(before + 1);
    // Without a key (IMAP APPEND-like callers), every call stores a copy.
    await delivery.deliver({ recipientId: users['dan'].id, blob });
    expect(await inbox('dan')).toBe(before + 2);
    // The queue's copy of the blob is no queued message's: not left for the queue blob collector's test.
    await blobs.delete(QUEUE_NAMESPACE, blob.sha256);
  });

  it('collects queue blobs that no queued message uses, once they are old enough', async () => {
    const store = (await stats.stats(users['bob'].id)).store?.id as string;
    await admin.post(`/api/stores/${store}/dismount`);
    const held = await submit(
      server.app,
      { mailFrom: remote('sender'), recipients: [{ address: 'bob@test.example' }] },
      rfc822({ Subject: 'held', 'Message-ID': '<held@remote.example>' }),
    );
    await waitFor('the deferral', async () =>
      (await track(admin, { messageId: 'held@remote.example' })).some((e) => e.event === 'deferred'),
    );
    const blobs = server.app.get<BlobStore>(BLOB_STORE);
    const orphan = await blobs.put(QUEUE_NAMESPACE, [Buffer.from('Subject: left behind by a crash\r\n\r\n')]);
    const gc = server.app.get(QueueBlobGc);
    expect(await gc.collect()).toBe(0); // too young
    const clock = server.app.get(TransportClock);
    const later = new Date(Date.now() + 2 * 3600_000);
    const spy = vi.spyOn(clock, 'now').mockReturnValue(later);
    try {
      expect(await gc.collect()).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(await blobs.exists(QUEUE_NAMESPACE, orphan.sha256)).toBe(false);
    const [row] = (await server.app
      .get(DataSource)
      .query(`SELECT blob_sha256 FROM queued_message WHERE id = $1`, [held.queueId])) as Array<{ blob_sha256: string }>;
    expect(await blobs.exists(QUEUE_NAMESPACE, row.blob_sha256)).toBe(true);
    await admin.post(`/api/stores/${store}/mount`);
    await admin.post(`/api/queues/messages/${held.queueId}/retry`);
    await waitFor('the held message', async () =>
      (await track(admin, { messageId: 'held@remote.example' })).some((e) => e.event === 'delivered'),
    );
  });
});
