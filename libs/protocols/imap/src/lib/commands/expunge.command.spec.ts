import { afterEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../../testing/selected-session';
import type { ImapServerFixture } from '../../testing/server-fixture';

describe('EXPUNGE / UID EXPUNGE (RFC 3501 §6.4.3, RFC 4315 §2.1)', () => {
  const holder: { fixture?: ImapServerFixture } = {};
  afterEach(async () => holder.fixture?.close());

  it('removes \\Deleted messages, and UID EXPUNGE only those in its set', async () => {
    const { client } = await sampleSession(holder);
    await client.command('x1 STORE 1:3 +FLAGS.SILENT (\\Deleted)');
    expect(await client.command('x2 UID EXPUNGE 2:3')).toEqual([
      '* 3 EXPUNGE',
      '* 2 EXPUNGE',
      'x2 OK UID EXPUNGE completed',
    ]);
    expect(await client.command('x3 FETCH 1:* UID')).toEqual(['* 1 FETCH (UID 1)', 'x3 OK FETCH completed']);
    expect(await client.command('x4 EXPUNGE')).toEqual(['* 1 EXPUNGE', 'x4 OK EXPUNGE completed']);
    expect(await client.command('x5 EXPUNGE')).toEqual(['x5 OK EXPUNGE completed']);
  });

  it('needs a set for UID EXPUNGE, none for EXPUNGE, and write access', async () => {
    const { client } = await sampleSession(holder, 'EXAMINE');
    expect((await client.command('y1 UID EXPUNGE')).pop()).toMatch(/^y1 BAD /);
    expect((await client.command('y2 EXPUNGE 1')).pop()).toMatch(/^y2 BAD /);
    expect(await client.command('y3 EXPUNGE')).toEqual(['y3 NO [READ-ONLY] Mailbox is read-only']);
  });

  it('another session’s expunge reaches this one at its next command, not during FETCH', async () => {
    const { client, fixture } = await sampleSession(holder);
    const other = await fixture.connect();
    await other.readLine();
    await other.command('o1 LOGIN alice secret');
    await other.command('o2 SELECT INBOX');
    await other.command('o3 STORE 2 +FLAGS.SILENT (\\Deleted)');
    expect(await other.command('o4 EXPUNGE')).toEqual(['* 2 EXPUNGE', 'o4 OK EXPUNGE completed']);
    // The other session's flag change is reported; its EXPUNGE waits (RFC 3501 §7.4.1).
    expect(await client.command('z1 FETCH 3 UID')).toEqual([
      '* 3 FETCH (UID 3)',
      '* 2 FETCH (UID 2 FLAGS (\\Deleted))',
      'z1 OK FETCH completed',
    ]);
    expect(await client.command('z2 NOOP')).toEqual(['* 2 EXPUNGE', 'z2 OK NOOP completed']);
  });
});
