import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import {
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
 * Delay notifications and expiry, on a compressed clock: retries every 1.2 s, a delay notification
 * after 3 s (Exchange: 12 hours), expiry after 12 s (Exchange: 2 days).
 */
describe('transport: delay notification and expiry', () => {
  let server: TestServer;
  let admin: ApiClient;
  let peer: SmtpPeer;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    peer.rcpt = (address) =>
      address.startsWith('slow') ? { code: 451, message: '4.4.5 insufficient system storage' } : null;
    process.env['ESTAFETTE_OUTBOUND_SMTP_PORT'] = String(peer.port);
    process.env['ESTAFETTE_QUEUE_RETRY_MINUTES'] = '0.02';
    process.env['ESTAFETTE_QUEUE_DELAY_NOTIFICATION_MINUTES'] = '0.05';
    process.env['ESTAFETTE_QUEUE_EXPIRATION_MINUTES'] = '0.2';
    process.env['ESTAFETTE_QUEUE_POLL_MS'] = '200';
    server = await startTestServer();
    admin = await server.login();
    fakeDns(server.app, {
      mx: { 'remote.example': 'mx.remote.example', 'other.example': 'mx.other.example' },
      a: { 'mx.remote.example': '127.0.0.1', 'mx.other.example': '127.0.0.1' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await peer?.close();
  });

  const reportsTo = (address: string) => peer.received.filter((m) => m.from === '' && m.to.includes(address));

  it('tells the sender of a delay, then returns the message when it expires (4.4.7)', async () => {
    const started = Date.now();
    await submit(
      server.app,
      {
        mailFrom: 'sender@other.example',
        recipients: [
          { address: 'slow@remote.example' },
          { address: 'slow2@remote.example', dsn: { notify: ['FAILURE'] } },
        ],
      },
      rfc822({ Subject: 'slow one', 'Message-ID': '<slow@other.example>' }),
    );
    const [delay] = await waitFor('the delay notification', async () => {
      const found = reportsTo('sender@other.example');
      return found.length > 0 ? found : null;
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect((await simpleParser(delay.data)).subject).toBe('Delayed: slow one');
    // Only slow@ asked for delay reports (the default NOTIFY); slow2@ said FAILURE only.
    expect(dsnRecipients(delay.data)).toEqual([
      expect.objectContaining({
        'final-recipient': 'rfc822;slow@remote.example',
        action: 'delayed',
        status: '4.4.5',
        'will-retry-until': expect.any(String),
      }),
    ]);
    const ndr = await waitFor(
      'the expiry report',
      async () => reportsTo('sender@other.example').find((m) => m.data.includes('Action: failed')),
      40_000,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(12_000);
    expect(
      dsnRecipients(ndr.data)
        .map((r) => [r['final-recipient'], r['action'], r['status']])
        .sort(),
    ).toEqual([
      ['rfc822;slow2@remote.example', 'failed', '4.4.7'],
      ['rfc822;slow@remote.example', 'failed', '4.4.7'],
    ]);
    expect(ndr.data).toContain('4.4.5 insufficient system storage');
    const events = (await track(admin, { messageId: 'slow@other.example' })).map((e) => e.event);
    expect(events).toContain('dsn-sent');
    expect(events.filter((e) => e === 'ndr-sent')).toHaveLength(2);
    expect(reportsTo('sender@other.example')).toHaveLength(2);
    await waitFor('an empty queue', async () =>
      (await admin.get<unknown[]>('/api/queues')).body.length === 0 ? true : null,
    );
  });
});
