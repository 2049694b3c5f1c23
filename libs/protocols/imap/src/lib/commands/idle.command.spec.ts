import { afterEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../../testing/selected-session';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('IDLE (RFC 2177)', () => {
  const holder: { fixture?: ImapServerFixture } = {};
  afterEach(async () => holder.fixture?.close());

  it('pushes EXISTS, flag changes and EXPUNGE while idling, until DONE', async () => {
    const { client, fixture } = await sampleSession(holder);
    client.send('i1 IDLE');
    expect(await client.readLine()).toBe('+ idling');
    fixture.backend.deliver('alice', 'INBOX', { raw: 'Subject: new\r\n\r\nx\r\n' });
    expect(await client.readLine()).toBe('* 4 EXISTS');
    const other = await fixture.connect();
    await other.readLine();
    await other.command('o1 LOGIN alice secret');
    await other.command('o2 SELECT INBOX');
    await other.command('o3 STORE 1 +FLAGS.SILENT (\\Deleted)');
    expect(await client.readLine()).toBe('* 1 FETCH (UID 1 FLAGS (\\Seen \\Deleted))');
    await other.command('o4 EXPUNGE');
    expect(await client.readLine()).toBe('* 1 EXPUNGE');
    client.send('DONE');
    expect(await client.readLine()).toBe('i1 OK IDLE terminated');
    expect(await client.command('i2 FETCH 1:* UID')).toEqual([
      '* 1 FETCH (UID 2)',
      '* 2 FETCH (UID 3)',
      '* 3 FETCH (UID 4)',
      'i2 OK FETCH completed',
    ]);
  });

  it('answers anything but DONE with BAD', async () => {
    const { client } = await sampleSession(holder);
    client.send('i1 IDLE');
    await client.readLine();
    client.send('NOPE');
    expect(await client.readLine()).toBe('i1 BAD Expected DONE');
  });

  it('is subject to the autologout timer (RFC 3501 §5.4)', async () => {
    const started = await startSession({ login: true, idleTimeoutMs: 300 });
    holder.fixture = started.fixture;
    started.client.send('j1 IDLE');
    expect(await started.client.readLine()).toBe('+ idling');
    expect(await started.client.readLine()).toMatch(/^\* BYE Autologout/);
    expect(await started.client.readLine()).toBeNull();
  });
});
