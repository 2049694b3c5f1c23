import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';
import { expungeElsewhere, seedConversationsFor } from '../../testing/transcript-seeds';

describe('THREAD / UID THREAD (RFC 5256)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('threads around an expunged parent and numbers by sequence or UID', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    seedConversationsFor(fixture.backend);
    const client = session.client;
    await client.command('t0 SELECT INBOX');
    await expungeElsewhere(fixture.backend, [2]);
    await client.command('t1 NOOP');
    // 4 referenced 1 and 2; with 2 gone its References still make 1 the grandparent through a dummy.
    expect(await client.command('t2 UID THREAD REFERENCES UTF-8 ALL')).toEqual([
      '* THREAD (1 4)(3 5)((6)(7))',
      't2 OK UID THREAD completed',
    ]);
    expect(await client.command('t3 THREAD REFERENCES UTF-8 ALL')).toEqual([
      '* THREAD (1 3)(2 4)((5)(6))',
      't3 OK THREAD completed',
    ]);
    expect(await client.command('t4 THREAD ORDEREDSUBJECT')).toEqual(['t4 BAD Missing argument']);
  });
});
