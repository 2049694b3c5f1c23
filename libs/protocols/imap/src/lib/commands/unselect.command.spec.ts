import { afterEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../../testing/selected-session';
import type { ImapServerFixture } from '../../testing/server-fixture';

describe('UNSELECT (RFC 3691)', () => {
  const holder: { fixture?: ImapServerFixture } = {};
  afterEach(async () => holder.fixture?.close());

  it('leaves the selected state without expunging, and is advertised', async () => {
    const { client } = await sampleSession(holder);
    expect((await client.command('u0 CAPABILITY'))[0]).toMatch(/ UNSELECT( |$)/);
    await client.command('u1 STORE 2 +FLAGS.SILENT (\\Deleted)');
    expect(await client.command('u2 UNSELECT')).toEqual(['u2 OK UNSELECT completed']);
    expect((await client.command('u3 UNSELECT')).pop()).toBe('u3 BAD UNSELECT not allowed now');
    expect(await client.command('u4 SELECT INBOX')).toContain('* 3 EXISTS');
  });
});
