import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';
import { seedConversationsFor } from '../../testing/transcript-seeds';

describe('ACL (RFC 4314)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('a folder alice shares with bob shows up for bob as "Other Users/alice/…" with the rights given', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    seedConversationsFor(fixture.backend);
    fixture.backend.setImapEnabled('bob', true);
    const alice = session.client;
    const bob = await fixture.connect();
    await bob.readLine();
    await bob.command('b0 LOGIN bob hunter2');
    expect(await bob.command('b1 LIST "" "Other Users/*"')).toEqual(['b1 OK LIST completed']);

    expect(await alice.command('a1 SETACL INBOX bob lr')).toEqual(['a1 OK SETACL completed']);
    expect(await bob.command('b2 LIST "" "Other Users/*"')).toEqual([
      '* LIST (\\Noselect \\HasChildren) "/" "Other Users/alice"',
      '* LIST (\\HasNoChildren) "/" "Other Users/alice/INBOX"',
      'b2 OK LIST completed',
    ]);
    expect(await bob.command('b3 MYRIGHTS "Other Users/alice/INBOX"')).toEqual([
      '* MYRIGHTS "Other Users/alice/INBOX" lr',
      'b3 OK MYRIGHTS completed',
    ]);
    const select = await bob.command('b4 EXAMINE "Other Users/alice/INBOX"');
    expect(select).toContain('* 7 EXISTS');
    expect(await bob.command('b5 SEARCH FROM bob')).toEqual(['* SEARCH 2', 'b5 OK SEARCH completed']);
    expect(await bob.command('b6 SETACL "Other Users/alice/INBOX" bob lrswi')).toEqual([
      'b6 NO [NOPERM] Permission denied',
    ]);

    expect(await alice.command('a2 DELETEACL INBOX bob')).toEqual(['a2 OK DELETEACL completed']);
    expect(await bob.command('b7 MYRIGHTS "Other Users/alice/INBOX"')).toEqual(['b7 NO [NOPERM] Permission denied']);
  });

  it('refuses malformed rights and missing identifiers', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    expect(await session.client.command('a1 SETACL INBOX bob +-l')).toEqual(['a1 BAD Unknown right in rights string']);
    expect(await session.client.command('a2 SETACL INBOX bob')).toEqual(['a2 BAD Missing argument']);
    expect(await session.client.command('a3 GETACL INBOX extra')).toEqual(['a3 BAD Too many arguments']);
    expect(await session.client.command('a4 SETACL INBOX anyone ""')).toEqual(['a4 OK SETACL completed']);
    expect(await session.client.command('a5 GETACL INBOX')).toEqual([
      '* ACL "INBOX" alice lrswipkxtecda anyone ""',
      'a5 OK GETACL completed',
    ]);
  });
});
