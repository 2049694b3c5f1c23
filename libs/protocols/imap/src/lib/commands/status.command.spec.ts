import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';
import { seedConversationsFor } from '../../testing/transcript-seeds';

describe('STATUS (RFC 3501 §6.3.10)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('asks the backend for the items only, in the order the client gave', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    seedConversationsFor(fixture.backend);
    const asked: unknown[] = [];
    const original = fixture.backend.status.bind(fixture.backend);
    fixture.backend.status = async (user, mailbox, items) => {
      asked.push([mailbox, items]);
      return original(user, mailbox, items);
    };
    expect(await session.client.command('s1 STATUS inbox (unseen MESSAGES unseen)')).toEqual([
      '* STATUS "INBOX" (UNSEEN 5 MESSAGES 7)',
      's1 OK STATUS completed',
    ]);
    expect(asked).toEqual([['INBOX', ['UNSEEN', 'MESSAGES']]]);
  });

  it('follows new deliveries and works in the selected state', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    await session.client.command('s0 SELECT INBOX');
    fixture.backend.deliver('alice', 'INBOX', { raw: 'Subject: x\r\n\r\nbody\r\n' });
    const lines = await session.client.command('s1 STATUS INBOX (MESSAGES UIDNEXT SIZE)');
    // The delivery is announced as EXISTS after the STATUS data, before the tagged OK (RFC 3501 §7.4.1).
    expect(lines).toEqual(['* STATUS "INBOX" (MESSAGES 1 UIDNEXT 2 SIZE 20)', '* 1 EXISTS', 's1 OK STATUS completed']);
  });

  it('turns CONDSTORE on when HIGHESTMODSEQ is asked for (RFC 7162 §3.1)', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    await session.client.command('s1 STATUS INBOX (MESSAGES)');
    expect(await session.client.command('s2 ENABLE CONDSTORE')).toEqual([
      '* ENABLED CONDSTORE',
      's2 OK ENABLE completed',
    ]);
    const other = await fixture.connect();
    await other.readLine();
    await other.command('t0 LOGIN alice secret');
    await other.command('t1 STATUS INBOX (HIGHESTMODSEQ)');
    expect(await other.command('t2 ENABLE CONDSTORE')).toEqual(['* ENABLED', 't2 OK ENABLE completed']);
  });
});
