import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';
import { expungeElsewhere, seedConversationsFor } from '../../testing/transcript-seeds';

describe('SORT / UID SORT (RFC 5256, RFC 5957)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('passes criteria and the key to the backend and maps UIDs to sequence numbers', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    seedConversationsFor(fixture.backend);
    const client = session.client;
    await client.command('o0 SELECT INBOX');
    await expungeElsewhere(fixture.backend, [1]);
    await client.command('o1 NOOP');
    expect(await client.command('o2 SORT (DISPLAYTO REVERSE ARRIVAL) UTF-8 NOT 1')).toEqual([
      '* SORT 6 5 4 3 2',
      'o2 OK SORT completed',
    ]);
    expect(await client.command('o3 UID SORT (DISPLAYTO REVERSE ARRIVAL) UTF-8 ALL')).toEqual([
      '* SORT 7 6 5 4 3 2',
      'o3 OK UID SORT completed',
    ]);
  });
});
