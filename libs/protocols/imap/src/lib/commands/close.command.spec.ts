import { afterEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../../testing/selected-session';
import type { ImapServerFixture } from '../../testing/server-fixture';

describe('CLOSE (RFC 3501 §6.4.2)', () => {
  const holder: { fixture?: ImapServerFixture } = {};
  afterEach(async () => holder.fixture?.close());

  it('expunges silently and leaves the selected state', async () => {
    const { client } = await sampleSession(holder);
    await client.command('c1 STORE 2 +FLAGS.SILENT (\\Deleted)');
    expect(await client.command('c2 CLOSE')).toEqual(['c2 OK CLOSE completed']);
    expect((await client.command('c3 FETCH 1 UID')).pop()).toBe('c3 BAD FETCH not allowed now');
    expect(await client.command('c4 SELECT INBOX')).toContain('* 2 EXISTS');
  });

  it('does not expunge a read-only mailbox', async () => {
    const { client, fixture } = await sampleSession(holder, 'EXAMINE');
    const other = await fixture.connect();
    await other.readLine();
    await other.command('o1 LOGIN alice secret');
    await other.command('o2 SELECT INBOX');
    await other.command('o3 STORE 2 +FLAGS.SILENT (\\Deleted)');
    expect(await client.command('c1 CLOSE')).toEqual(['c1 OK CLOSE completed']);
    expect(await client.command('c2 EXAMINE INBOX')).toContain('* 3 EXISTS');
  });
});
