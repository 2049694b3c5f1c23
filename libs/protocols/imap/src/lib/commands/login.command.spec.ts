import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('LOGIN (RFC 3501 §6.2.3)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('passes the remote address and TLS state to the backend', async () => {
    const session = await startSession();
    fixture = session.fixture;
    const seen: { secure: boolean; remoteAddress: string }[] = [];
    const original = fixture.backend.authenticate.bind(fixture.backend);
    fixture.backend.authenticate = (credentials, context) => {
      seen.push(context);
      return original(credentials, context);
    };
    expect((await session.client.command('l1 LOGIN alice secret')).pop()).toMatch(/^l1 OK/);
    expect(seen).toEqual([{ secure: false, remoteAddress: expect.stringContaining('127.0.0.1') }]);
  });

  it('reports throttling without revealing whether the password was right', async () => {
    const session = await startSession({ maxAuthFailures: 100 });
    fixture = session.fixture;
    fixture.backend.throttleAfter = 2;
    await session.client.command('l1 LOGIN alice x');
    await session.client.command('l2 LOGIN alice y');
    expect(await session.client.command('l3 LOGIN alice secret')).toEqual([
      'l3 NO [UNAVAILABLE] Too many failed logins; try again later',
    ]);
  });

  it('accepts UTF-8 user names in quoted strings and refuses missing arguments', async () => {
    const session = await startSession();
    fixture = session.fixture;
    fixture.backend.addUser('jürgen', 'pässwort');
    expect((await session.client.command('l1 LOGIN "jürgen"')).pop()).toBe('l1 BAD Missing argument');
    expect((await session.client.command('l2 LOGIN "jürgen" "pässwort"')).pop()).toMatch(/^l2 OK/);
  });
});
