import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('SUBSCRIBE / UNSUBSCRIBE (RFC 3501 §6.3.6-7)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('changes the subscription the backend reports to LIST (SUBSCRIBED)', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    await session.client.command('s0 CREATE "Entw&APw-rfe"');
    expect(await session.client.command('s1 UNSUBSCRIBE "Entw&APw-rfe"')).toEqual(['s1 OK UNSUBSCRIBE completed']);
    expect(await session.client.command('s2 LIST "" * RETURN (SUBSCRIBED)')).toEqual([
      '* LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"',
      '* LIST (\\HasNoChildren) "/" "Entw&APw-rfe"',
      's2 OK LIST completed',
    ]);
    expect(await session.client.command('s3 SUBSCRIBE "Entw&APw-rfe"')).toEqual(['s3 OK SUBSCRIBE completed']);
    expect(await session.client.command('s4 LIST (SUBSCRIBED) "" Entw*')).toEqual([
      '* LIST (\\HasNoChildren \\Subscribed) "/" "Entw&APw-rfe"',
      's4 OK LIST completed',
    ]);
    expect(await session.client.command('s5 UNSUBSCRIBE a b')).toEqual(['s5 BAD Too many arguments']);
  });
});
