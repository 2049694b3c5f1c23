import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('NAMESPACE (RFC 2342)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('writes NIL for an empty class and encodes prefixes like mailbox names', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    fixture.backend.namespaces = async () => ({
      personal: [{ prefix: '', delimiter: '/' }],
      otherUsers: [],
      shared: [
        { prefix: 'Öffentliche Ordner/', delimiter: '/' },
        { prefix: '#news.', delimiter: '.' },
      ],
    });
    expect(await session.client.command('n1 NAMESPACE')).toEqual([
      '* NAMESPACE (("" "/")) NIL (("&ANY-ffentliche Ordner/" "/")("#news." "."))',
      'n1 OK NAMESPACE completed',
    ]);
    await session.client.command('n2 ENABLE UTF8=ACCEPT');
    expect((await session.client.command('n3 NAMESPACE'))[0]).toContain('(("Öffentliche Ordner/" "/")');
  });
});
