import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';
import { seedShared } from '../../testing/transcript-seeds';

describe('DELETE (RFC 3501 §6.3.4)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('deletes a mailbox, and a shared one only with the x right (RFC 4314 §4)', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    seedShared(fixture.backend);
    await session.client.command('d1 CREATE Old');
    expect(await session.client.command('d2 DELETE Old')).toEqual(['d2 OK DELETE completed']);
    expect(await session.client.command('d3 LIST "" Old')).toEqual(['d3 OK LIST completed']);
    expect(await session.client.command('d4 DELETE "Other Users/carol/INBOX"')).toEqual([
      'd4 NO [NOPERM] Permission denied',
    ]);
    await fixture.backend.setAcl({ id: 'c', username: 'carol' }, 'Team', 'alice', 'lrx');
    expect(await session.client.command('d5 DELETE "Other Users/carol/Team"')).toEqual(['d5 OK DELETE completed']);
    expect(await session.client.command('d6 LIST "" "Other Users/carol/*"')).toEqual([
      '* LIST (\\HasNoChildren) "/" "Other Users/carol/INBOX"',
      'd6 OK LIST completed',
    ]);
  });
});
