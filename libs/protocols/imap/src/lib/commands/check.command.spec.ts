import { afterEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../../testing/selected-session';
import type { ImapServerFixture } from '../../testing/server-fixture';

describe('CHECK (RFC 3501 §6.4.1)', () => {
  const holder: { fixture?: ImapServerFixture } = {};
  afterEach(async () => holder.fixture?.close());

  it('completes in the selected state only, delivering pending updates', async () => {
    const { client, fixture } = await sampleSession(holder, null);
    expect((await client.command('k1 CHECK')).pop()).toBe('k1 BAD CHECK not allowed now');
    await client.command('k2 SELECT INBOX');
    fixture.backend.deliver('alice', 'INBOX', { raw: 'Subject: new\r\n\r\nx\r\n' });
    expect(await client.command('k3 CHECK')).toEqual(['* 4 EXISTS', 'k3 OK CHECK completed']);
    expect((await client.command('k4 CHECK now')).pop()).toBe('k4 BAD Too many arguments');
  });
});
