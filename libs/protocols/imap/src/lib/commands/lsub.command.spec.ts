import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';
import { seedShared } from '../../testing/transcript-seeds';

describe('LSUB (RFC 3501 §6.3.9)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('lists only subscribed names, own and shared, without \\Subscribed', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    seedShared(fixture.backend);
    await session.client.command('s1 SUBSCRIBE "Other Users/carol/Team"');
    expect(await session.client.command('s2 LSUB "" *')).toEqual([
      '* LSUB (\\HasNoChildren) "/" "INBOX"',
      '* LSUB (\\HasNoChildren) "/" "Other Users/carol/Team"',
      's2 OK LSUB completed',
    ]);
    expect(await session.client.command('s3 LSUB "" ""')).toEqual(['s3 OK LSUB completed']);
    expect(await session.client.command('s4 LSUB ""')).toEqual(['s4 BAD Missing argument']);
  });

  it('stands an unsubscribed parent in for subscribed children under "%" (RFC 3501 §6.3.9)', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    await session.client.command('s0 CREATE foo/bar');
    await session.client.command('s1 UNSUBSCRIBE foo');
    expect(await session.client.command('s2 LSUB "" %')).toEqual([
      '* LSUB (\\HasNoChildren) "/" "INBOX"',
      '* LSUB (\\Noselect \\HasChildren) "/" "foo"',
      's2 OK LSUB completed',
    ]);
    expect(await session.client.command('s3 LSUB "" *')).toEqual([
      '* LSUB (\\HasNoChildren) "/" "INBOX"',
      '* LSUB (\\HasNoChildren) "/" "foo/bar"',
      's3 OK LSUB completed',
    ]);
  });
});
