import { afterEach, describe, expect, it } from 'vitest';
import { PYTHON_PRELUDE as PRELUDE, python } from '../src/testing/python-imaplib';
import { startImapServer, type ImapServerFixture } from '../src/testing/server-fixture';

describe("Python's imaplib against the server", () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => fixture?.close());

  it('capabilities before and after STARTTLS, LOGIN, NOOP and LOGOUT', async () => {
    fixture = await startImapServer();
    const out = await python(
      `${PRELUDE}
m = imaplib.IMAP4('127.0.0.1', port)
print('before', 'LOGINDISABLED' in m.capabilities, 'STARTTLS' in m.capabilities)
m.starttls(ssl_context=ctx)
print('after', 'AUTH=PLAIN' in m.capabilities, 'STARTTLS' in m.capabilities)
print(m.login('alice', 'secret')[0])
print(m.noop()[0])
print(m.logout()[0])
`,
      fixture.port,
    );
    expect(out.split('\n')).toEqual(['before True True', 'after True False', 'OK', 'OK', 'BYE']);
    expect(fixture.errors).toEqual([]);
  });

  it('implicit TLS with AUTHENTICATE PLAIN, and a refused password', async () => {
    fixture = await startImapServer({ implicitTls: true });
    const out = await python(
      `${PRELUDE}
m = imaplib.IMAP4_SSL('127.0.0.1', port, ssl_context=ctx)
try:
    m.login('alice', 'wrong')
except imaplib.IMAP4.error as e:
    print('refused', e)
print(m.authenticate('PLAIN', lambda _: b'\\0alice\\0secret')[0])
print(m.logout()[0])
`,
      fixture.port,
    );
    expect(out.split('\n')).toEqual(["refused b'[AUTHENTICATIONFAILED] Invalid credentials'", 'OK', 'BYE']);
  });
});
