import { describe, expect, it } from 'vitest';
import type { QueueDetailDto, QueuedMessageDto, QueueSummaryDto, TrackingEventDto } from '@estafette/contracts';
import { directoryApi, runAgainst, signedInApi } from '../testing/fake-api';
import { MAILBOX_STORE, recipient } from '../testing/fixtures';

const ALICE = recipient('user', 'alice');
import type { MailboxStatsView } from './mailbox.command';

const QUEUE: QueueSummaryDto = {
  name: 'domain:fabrikam.example',
  displayName: 'fabrikam.example',
  kind: 'mx',
  state: 'retry',
  messageCount: 1,
  recipientCount: 2,
  oldestReceivedAt: '2026-11-28T12:00:00.000Z',
  nextAttemptAt: '2026-11-28T12:15:00.000Z',
  lastError: '451 4.3.0 try later',
};

const MESSAGE: QueuedMessageDto = {
  id: '01ABCDEFGHJKMN',
  messageId: '<m1@test.example>',
  sender: '',
  subject: 'Figures',
  size: 2048,
  receivedAt: '2026-11-28T12:00:00.000Z',
  state: 'routed',
  frozen: false,
  recipients: [
    {
      address: 'pat@fabrikam.example',
      envelopeAddress: 'pat@fabrikam.example',
      state: 'retry',
      frozen: false,
      queue: 'domain:fabrikam.example',
      attempts: 2,
      nextAttemptAt: '2026-11-28T12:15:00.000Z',
      expiresAt: '2026-11-30T12:00:00.000Z',
      status: '4.3.0',
      diagnostic: '451 4.3.0 try later',
    },
  ],
};

describe('queue commands', () => {
  it('queue list shows one line per next hop', async () => {
    const api = signedInApi().json('GET', '/api/queues', [QUEUE]);
    const run = await runAgainst(api, ['queue', 'list']);
    expect(run.stdout.split('\n')[0]).toBe(
      'QUEUE                    KIND  STATE  MESSAGES  RECIPIENTS  OLDEST                    NEXT TRY                  LAST ERROR',
    );
    expect(run.stdout.split('\n')[1]).toMatch(/^domain:fabrikam\.example +mx +retry +1 +2 +2026-11-28T12:00:00\.000Z/);
    expect(JSON.parse((await runAgainst(api, ['queue', 'list', '--json'])).stdout)).toEqual([QUEUE]);
    expect((await runAgainst(signedInApi().json('GET', '/api/queues', []), ['queue', 'list'])).stdout).toBe(
      'the queues are empty\n',
    );
  });

  it('queue show lists the messages of a queue, names encoded in the path', async () => {
    const detail: QueueDetailDto = { ...QUEUE, messages: [MESSAGE] };
    const api = signedInApi().json('GET', '/api/queues/domain%3Afabrikam.example', detail);
    const run = await runAgainst(api, ['queue', 'show', 'domain:fabrikam.example']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('fabrikam.example (domain:fabrikam.example): retry, 1 message(s), 2 recipient(s)');
    expect(run.stdout).toMatch(/01ABCDEFGHJKMN +<> +pat@fabrikam\.example +Figures +2048/);
    const missing = await runAgainst(signedInApi(), ['queue', 'show', 'nowhere']);
    expect(missing.code).not.toBe(0);
  });

  it('queue retry, freeze, unfreeze and delete act on one message', async () => {
    const api = signedInApi()
      .on('POST', /^\/api\/queues\/messages\/([^/]+)\/(retry|freeze|unfreeze)$/, () => ({ body: MESSAGE }))
      .on('DELETE', /^\/api\/queues\/messages\/([^/]+)$/, () => ({ body: MESSAGE }));
    expect((await runAgainst(api, ['queue', 'retry', '01ABCDEFGHJKMN'])).stdout).toBe(
      'retrying message 01ABCDEFGHJKMN (Figures)\n',
    );
    expect((await runAgainst(api, ['queue', 'freeze', '01ABCDEFGHJKMN'])).stdout).toBe(
      'froze message 01ABCDEFGHJKMN (Figures)\n',
    );
    expect((await runAgainst(api, ['queue', 'unfreeze', '01ABCDEFGHJKMN'])).stdout).toBe(
      'unfroze message 01ABCDEFGHJKMN (Figures)\n',
    );
    expect(api.calls().map((c) => c.path)).toEqual([
      '/api/queues/messages/01ABCDEFGHJKMN/retry',
      '/api/queues/messages/01ABCDEFGHJKMN/freeze',
      '/api/queues/messages/01ABCDEFGHJKMN/unfreeze',
    ]);
    const quiet = await runAgainst(api, ['queue', 'delete', '01ABCDEFGHJKMN']);
    expect(quiet.stdout).toBe('deleted message 01ABCDEFGHJKMN without a report\n');
    expect(api.calls().at(-1)).toMatchObject({ method: 'DELETE', query: { ndr: 'false' } });
    const loud = await runAgainst(api, ['queue', 'delete', '01ABCDEFGHJKMN', '--ndr']);
    expect(loud.stdout).toBe('deleted message 01ABCDEFGHJKMN, the sender gets a non-delivery report\n');
    expect(api.calls().at(-1)?.query).toEqual({ ndr: 'true' });
  });
});

describe('track', () => {
  const event: TrackingEventDto = {
    id: '1',
    at: '2026-11-28T12:00:00.000Z',
    event: 'delivered',
    queueId: '01ABCDEFGHJKMN',
    messageId: '<m1@test.example>',
    sender: 'ann@test.example',
    recipient: 'bob@test.example',
    server: 'mail1.test.example',
    status: '2.0.0',
    detail: 'local delivery',
  };

  it('passes the filters as query parameters', async () => {
    const api = signedInApi().json('GET', '/api/tracking', [event]);
    const run = await runAgainst(api, [
      'track',
      '--sender',
      'ann@test.example',
      '--recipient',
      'bob@test.example',
      '--message-id',
      'm1@test.example',
      '--from',
      '2026-11-28T00:00:00Z',
    ]);
    expect(api.calls()[0].query).toEqual({
      sender: 'ann@test.example',
      recipient: 'bob@test.example',
      messageId: 'm1@test.example',
      from: '2026-11-28T00:00:00.000Z',
      limit: '200',
    });
    expect(run.stdout.split('\n')[1]).toMatch(
      /^2026-11-28T12:00:00\.000Z +delivered +01ABCDEFGHJKMN +ann@test\.example +bob@test\.example +2\.0\.0/,
    );
    expect(JSON.parse((await runAgainst(api, ['track', '--json'])).stdout)).toEqual([event]);
  });

  it('refuses a time that is not one', async () => {
    const run = await runAgainst(signedInApi(), ['track', '--from', 'yesterday']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected a date and time');
  });
});

describe('mailbox stats and store mount', () => {
  it('mailbox stats finds the user by alias', async () => {
    const stats: MailboxStatsView = {
      recipientId: ALICE.id,
      alias: ALICE.alias,
      store: { id: MAILBOX_STORE.id, name: MAILBOX_STORE.name, mounted: true },
      mailboxExists: true,
      folders: [
        { name: 'Inbox', role: 'inbox', itemCount: 3, sizeBytes: 4096 },
        { name: 'Sent Items', role: 'sent', itemCount: 1, sizeBytes: 1000 },
      ],
      totalItems: 4,
      totalBytes: 5096,
      quotaState: 'ok',
      lastLogonAt: null,
    };
    const api = directoryApi([ALICE]).json('GET', `/api/mailboxes/${ALICE.id}/stats`, stats);
    const run = await runAgainst(api, ['mailbox', 'stats', ALICE.alias]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Items:       4');
    expect(run.stdout).toMatch(/Inbox +3 +4 KB/);
    expect(JSON.parse((await runAgainst(api, ['mailbox', 'stats', ALICE.alias, '--json'])).stdout)).toEqual(stats);
  });

  it('store mount and dismount name the store by name or id', async () => {
    const api = signedInApi()
      .json('GET', '/api/stores', [MAILBOX_STORE])
      .on('POST', `/api/stores/${MAILBOX_STORE.id}/dismount`, () => ({ body: { ...MAILBOX_STORE, mounted: false } }))
      .on('POST', `/api/stores/${MAILBOX_STORE.id}/mount`, () => ({ body: { ...MAILBOX_STORE, mounted: true } }));
    expect((await runAgainst(api, ['store', 'dismount', MAILBOX_STORE.name])).stdout).toBe(
      `${MAILBOX_STORE.name} is dismounted\n`,
    );
    expect((await runAgainst(api, ['store', 'mount', MAILBOX_STORE.id])).stdout).toBe(
      `${MAILBOX_STORE.name} is mounted\n`,
    );
    const missing = await runAgainst(api, ['store', 'mount', 'Nope']);
    expect(missing.stderr).toContain('no store "Nope" (estafette store list lists them)');
  });
});
