import { afterEach, describe, expect, it } from 'vitest';
import { seedSampleMailbox } from '../../testing/sample-messages';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('SELECT / EXAMINE (RFC 3501 §6.3.1-2, RFC 7162)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  async function session() {
    const started = await startSession({ login: true });
    fixture = started.fixture;
    seedSampleMailbox(fixture.backend);
    return started.client;
  }

  it('reports counts, first unseen, UID data and HIGHESTMODSEQ, read-write', async () => {
    const client = await session();
    const lines = await client.command('s1 SELECT inbox');
    expect(lines).toEqual([
      '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)',
      '* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted',
      '* 3 EXISTS',
      '* 0 RECENT',
      '* OK [UNSEEN 2] First unseen message',
      expect.stringMatching(/^\* OK \[UIDVALIDITY \d+\] UIDs valid$/),
      '* OK [UIDNEXT 4] Predicted next UID',
      '* OK [HIGHESTMODSEQ 4] Highest mod-sequence',
      's1 OK [READ-WRITE] SELECT completed',
    ]);
  });

  it('EXAMINE is read-only; a failed SELECT leaves no mailbox selected; [CLOSED] on reselect', async () => {
    const client = await session();
    expect((await client.command('e1 EXAMINE INBOX')).pop()).toBe('e1 OK [READ-ONLY] EXAMINE completed');
    const again = await client.command('e2 SELECT INBOX');
    expect(again[0]).toBe('* OK [CLOSED] Previous mailbox closed');
    expect(await client.command('e3 SELECT Nowhere')).toEqual([
      '* OK [CLOSED] Previous mailbox closed',
      'e3 NO [NONEXISTENT] No such mailbox',
    ]);
    // ENABLE is valid in the authenticated state only (RFC 5161 §3.1): nothing is selected any more.
    expect((await client.command('e4 ENABLE CONDSTORE')).pop()).toBe('e4 OK ENABLE completed');
  });

  it('SELECT (CONDSTORE) enables CONDSTORE; QRESYNC needs ENABLE and bad parameters are BAD', async () => {
    const client = await session();
    expect((await client.command('c1 SELECT INBOX (QRESYNC (1 1))')).pop()).toBe('c1 BAD QRESYNC is not enabled');
    expect((await client.command('c2 SELECT INBOX (FOO)')).pop()).toBe('c2 BAD Unknown SELECT parameter');
    expect((await client.command('c3 SELECT INBOX (CONDSTORE)')).pop()).toBe('c3 OK [READ-WRITE] SELECT completed');
  });

  it('QRESYNC reports VANISHED (EARLIER) and changed flags since the given modseq', async () => {
    const client = await session();
    await client.command('q1 ENABLE QRESYNC');
    const first = await client.command('q2 SELECT INBOX');
    const validity = /UIDVALIDITY (\d+)/.exec(first.join('\n'))?.[1];
    // Another session's changes: message 3 deleted and expunged (modseq 5, 6), message 1 unseen (7).
    if (!fixture) throw new Error('no fixture');
    const backend = fixture.backend;
    const auth = await backend.authenticate(
      { username: 'alice', password: 'secret', mechanism: 'LOGIN' },
      { remoteAddress: '', secure: true },
    );
    if (auth.kind !== 'ok') throw new Error('login');
    const { handle } = await backend.openMailbox(auth.user, 'INBOX', { readOnly: false });
    await backend.storeFlags(auth.user, handle, [3], { operation: 'add', flags: ['\\Deleted'] });
    await backend.expunge(auth.user, handle);
    await backend.storeFlags(auth.user, handle, [1], { operation: 'remove', flags: ['\\Seen'] });
    const lines = await client.command(`q6 SELECT INBOX (QRESYNC (${validity} 4 1:3))`);
    expect(lines).toContain('* VANISHED (EARLIER) 3');
    expect(lines).toContain('* 1 FETCH (UID 1 FLAGS () MODSEQ (7))');
    expect(lines).not.toContainEqual(expect.stringMatching(/UID 2 /));
    const stale = await client.command('q7 SELECT INBOX (QRESYNC (1 4))');
    expect(stale.filter((l) => /VANISHED|FETCH/.test(l))).toEqual([]);
  });

  it('decodes modified UTF-7 names', async () => {
    const client = await session();
    fixture?.backend.addMailbox('alice', 'Entwürfe');
    expect((await client.command('u1 EXAMINE Entw&APw-rfe')).pop()).toBe('u1 OK [READ-ONLY] EXAMINE completed');
    expect((await client.command('u2 EXAMINE Entw&APx-rfe')).pop()).toMatch(/^u2 BAD /);
  });
});
