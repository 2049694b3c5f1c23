import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('NOOP (RFC 3501 §6.1.2)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('completes in every state and refuses arguments', async () => {
    const session = await startSession();
    fixture = session.fixture;
    expect(await session.client.command('n1 NOOP')).toEqual(['n1 OK NOOP completed']);
    await session.client.command('n2 LOGIN alice secret');
    expect(await session.client.command('n3 NOOP')).toEqual(['n3 OK NOOP completed']);
    expect(await session.client.command('n4 NOOP now')).toEqual(['n4 BAD Too many arguments']);
  });
});
