import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('CAPABILITY (RFC 3501 §6.1.1)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('matches the greeting code before login and changes after login', async () => {
    const session = await startSession();
    fixture = session.fixture;
    const before = await session.client.command('c1 CAPABILITY');
    expect(session.greeting).toContain(`[${before[0].slice(2)}]`);
    expect(before[0]).toContain('AUTH=PLAIN');
    await session.client.command('c2 LOGIN alice secret');
    const after = await session.client.command('c3 CAPABILITY');
    expect(after[0]).toMatch(/^\* CAPABILITY IMAP4rev1 LITERAL\+ ID .*\bCONDSTORE QRESYNC\b.* ENABLE$/);
    expect(after[1]).toBe('c3 OK CAPABILITY completed');
  });

  it('does not advertise STARTTLS without a certificate', async () => {
    const session = await startSession({ tls: undefined });
    fixture = session.fixture;
    expect((await session.client.command('c1 CAPABILITY'))[0]).not.toContain('STARTTLS');
    expect(await session.client.command('c2 STARTTLS')).toEqual(['c2 BAD TLS not available']);
  });
});
