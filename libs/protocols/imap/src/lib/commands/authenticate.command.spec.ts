import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type ImapServerFixture } from '../../testing/server-fixture';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('AUTHENTICATE (RFC 3501 §6.2.2, RFC 4959 SASL-IR)', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('PLAIN without an initial response: empty challenge, then the credentials', async () => {
    const session = await startSession();
    fixture = session.fixture;
    session.client.send('a1 AUTHENTICATE PLAIN');
    expect(await session.client.readLine()).toBe('+ ');
    session.client.send(b64('\0alice\0secret'));
    expect(await session.client.readLine()).toMatch(/^a1 OK \[CAPABILITY .*\] Logged in$/);
  });

  it('refuses an authorisation identity other than the user', async () => {
    const session = await startSession();
    fixture = session.fixture;
    expect(await session.client.command(`a1 AUTHENTICATE PLAIN ${b64('bob\0alice\0secret')}`)).toEqual([
      'a1 NO [AUTHENTICATIONFAILED] Invalid credentials',
    ]);
    expect((await session.client.command(`a2 AUTHENTICATE PLAIN ${b64('alice\0alice\0secret')}`)).pop()).toMatch(
      /^a2 OK/,
    );
  });

  it('refuses a PLAIN message without its NUL separators', async () => {
    const session = await startSession();
    fixture = session.fixture;
    expect(await session.client.command(`a1 AUTHENTICATE PLAIN ${b64('alice secret')}`)).toEqual([
      'a1 BAD Malformed SASL message',
    ]);
  });

  it('LOGIN with the user name as initial response', async () => {
    const session = await startSession();
    fixture = session.fixture;
    session.client.send(`a1 AUTHENTICATE LOGIN ${b64('alice')}`);
    expect(await session.client.readLine()).toBe(`+ ${b64('Password:')}`);
    session.client.send(b64('secret'));
    expect(await session.client.readLine()).toMatch(/^a1 OK/);
  });

  it('tells a disabled user why (per-user protocol setting)', async () => {
    const session = await startSession();
    fixture = session.fixture;
    expect(await session.client.command(`a1 AUTHENTICATE PLAIN ${b64('\0bob\0hunter2')}`)).toEqual([
      'a1 NO [CONTACTADMIN] IMAP access is disabled for this account',
    ]);
  });
});
