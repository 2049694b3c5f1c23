import { afterEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../../testing/selected-session';
import type { ImapServerFixture } from '../../testing/server-fixture';

describe('MOVE / UID MOVE (RFC 6851)', () => {
  const holder: { fixture?: ImapServerFixture } = {};
  afterEach(async () => holder.fixture?.close());

  it('sends COPYUID untagged, then EXPUNGE highest first, renumbering the view', async () => {
    const { client, fixture } = await sampleSession(holder);
    fixture.backend.addMailbox('alice', 'Archive');
    expect(await client.command('m1 MOVE 1,3 Archive')).toEqual([
      expect.stringMatching(/^\* OK \[COPYUID \d+ 1,3 1:2\] Moved$/),
      '* 3 EXPUNGE',
      '* 1 EXPUNGE',
      'm1 OK MOVE completed',
    ]);
    expect(await client.command('m2 FETCH 1:* UID')).toEqual(['* 1 FETCH (UID 2)', 'm2 OK FETCH completed']);
    expect(await client.command('m3 NOOP')).toEqual(['m3 OK NOOP completed']);
  });

  it('reports VANISHED under QRESYNC, and refuses a read-only mailbox', async () => {
    const { client, fixture } = await sampleSession(holder, null);
    fixture.backend.addMailbox('alice', 'Archive');
    await client.command('q1 ENABLE QRESYNC');
    await client.command('q2 SELECT INBOX');
    expect(await client.command('q3 UID MOVE 2:3 Archive')).toEqual([
      expect.stringMatching(/^\* OK \[COPYUID \d+ 2:3 1:2\] Moved$/),
      '* VANISHED 2:3',
      'q3 OK UID MOVE completed',
    ]);
    await client.command('q4 EXAMINE INBOX');
    expect(await client.command('q5 MOVE 1 Archive')).toEqual(['q5 NO [READ-ONLY] Mailbox is read-only']);
  });
});
