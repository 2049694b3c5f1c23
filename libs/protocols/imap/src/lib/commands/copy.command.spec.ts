import { afterEach, describe, expect, it } from 'vitest';
import { sampleSession } from '../../testing/selected-session';
import type { ImapServerFixture } from '../../testing/server-fixture';

describe('COPY / UID COPY (RFC 3501 §6.4.7, RFC 4315 COPYUID)', () => {
  const holder: { fixture?: ImapServerFixture } = {};
  afterEach(async () => holder.fixture?.close());

  it('copies with COPYUID and keeps the source; a missing target is NO [TRYCREATE]', async () => {
    const { client, fixture } = await sampleSession(holder);
    fixture.backend.addMailbox('alice', 'Archive');
    expect(await client.command('c1 COPY 2:3 Archive')).toEqual([
      expect.stringMatching(/^c1 OK \[COPYUID \d+ 2:3 1:2\] COPY completed$/),
    ]);
    expect(await client.command('c2 UID COPY 1 Archive')).toEqual([
      expect.stringMatching(/^c2 OK \[COPYUID \d+ 1 3\] UID COPY completed$/),
    ]);
    expect(await client.command('c3 COPY 1 Nowhere')).toEqual(['c3 NO [TRYCREATE] Target mailbox does not exist']);
    expect(await client.command('c4 UID COPY 99 Archive')).toEqual(['c4 OK UID COPY completed']);
    const status = await client.command('c5 FETCH 1:* UID');
    expect(status.length).toBe(4);
  });
});
