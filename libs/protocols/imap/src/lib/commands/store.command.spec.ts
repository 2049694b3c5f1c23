import { afterEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../../testing/selected-session';
import type { ImapServerFixture } from '../../testing/server-fixture';

describe('STORE / UID STORE (RFC 3501 §6.4.6, RFC 7162 §3.1.3)', () => {
  const holder: { fixture?: ImapServerFixture } = {};
  afterEach(async () => holder.fixture?.close());

  it('adds, removes and replaces flags, answering with FETCH FLAGS (and UID for UID STORE)', async () => {
    const { client } = await sampleSession(holder);
    expect(await client.command('t1 STORE 1:2 +FLAGS (\\Answered $Label1)')).toEqual([
      '* 1 FETCH (FLAGS (\\Seen \\Answered $Label1))',
      '* 2 FETCH (FLAGS (\\Answered $Label1))',
      't1 OK STORE completed',
    ]);
    expect(await client.command('t2 UID STORE 2 -FLAGS \\answered')).toEqual([
      '* 2 FETCH (FLAGS ($Label1) UID 2)',
      't2 OK UID STORE completed',
    ]);
    expect(await client.command('t3 STORE 3 FLAGS.SILENT (\\Deleted)')).toEqual(['t3 OK STORE completed']);
    expect(await client.command('t4 FETCH 3 FLAGS')).toEqual([
      '* 3 FETCH (FLAGS (\\Deleted))',
      't4 OK FETCH completed',
    ]);
    // Its own changes are not echoed again by the change feed.
    expect(await client.command('t5 NOOP')).toEqual(['t5 OK NOOP completed']);
  });

  it('UNCHANGEDSINCE fails messages changed since with [MODIFIED], in sequence numbers or UIDs', async () => {
    const { client } = await sampleSession(holder);
    expect(await client.command('u1 STORE 1:3 (UNCHANGEDSINCE 3) +FLAGS.SILENT (\\Deleted)')).toEqual([
      // RFC 7162 §3.1: UID and MODSEQ in every flag-change FETCH once CONDSTORE is on, .SILENT or not.
      '* 1 FETCH (UID 1 MODSEQ (5))',
      '* 2 FETCH (UID 2 MODSEQ (6))',
      'u1 OK [MODIFIED 3] Conditional STORE failed',
    ]);
    expect(await client.command('u2 UID STORE 1:3 (UNCHANGEDSINCE 5) FLAGS (\\Seen)')).toEqual([
      '* 1 FETCH (FLAGS (\\Seen) UID 1 MODSEQ (7))',
      '* 3 FETCH (FLAGS (\\Seen) UID 3 MODSEQ (8))',
      'u2 OK [MODIFIED 2] Conditional UID STORE failed',
    ]);
  });

  it('refuses bad syntax, unknown system flags and read-only mailboxes', async () => {
    const { client } = await sampleSession(holder, 'EXAMINE');
    expect((await client.command('b1 STORE 1 +FLAGS (\\Recent)')).pop()).toMatch(/^b1 BAD /);
    expect((await client.command('b2 STORE 1 XFLAGS (\\Seen)')).pop()).toMatch(/^b2 BAD /);
    expect((await client.command('b3 STORE 1 (FOO 1) FLAGS ()')).pop()).toMatch(/^b3 BAD /);
    expect(await client.command('b4 STORE 1 +FLAGS (\\Seen)')).toEqual(['b4 NO [READ-ONLY] Mailbox is read-only']);
  });
});
