import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('STARTTLS (RFC 3501 §6.2.1)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('negotiates TLS, after which STARTTLS is neither offered nor accepted', async () => {
    const session = await startSession({ allowPlaintextAuth: false });
    fixture = session.fixture;
    expect(await session.client.command('t1 STARTTLS')).toEqual(['t1 OK Begin TLS negotiation now']);
    await session.client.upgrade();
    const capabilities = await session.client.command('t2 CAPABILITY');
    expect(capabilities[0]).not.toContain('STARTTLS');
    expect(capabilities[0]).not.toContain('LOGINDISABLED');
    expect(await session.client.command('t3 STARTTLS')).toEqual(['t3 BAD TLS already active']);
  });

  it('is refused after login (not-authenticated state only)', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    expect(await session.client.command('t1 STARTTLS')).toEqual(['t1 BAD STARTTLS not allowed now']);
  });
});
