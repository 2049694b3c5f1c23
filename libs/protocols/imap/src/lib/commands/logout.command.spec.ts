import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

describe('LOGOUT (RFC 3501 §6.1.3)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('sends BYE before the tagged OK, then closes; pipelined commands after it are not run', async () => {
    const session = await startSession({ login: true });
    fixture = session.fixture;
    session.client.write('l1 LOGOUT\r\nl2 NOOP\r\n');
    expect(await session.client.readLine()).toBe('* BYE Estafette IMAP4rev1 server logging out');
    expect(await session.client.readLine()).toBe('l1 OK LOGOUT completed');
    expect(await session.client.readLine()).toBeNull();
    expect(fixture.server.connectionCount).toBe(0);
  });
});
