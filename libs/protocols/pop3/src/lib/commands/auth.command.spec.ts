import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('AUTH (RFC 5034)', () => {
  it('PLAIN with an initial response logs in', async () => {
    await withPop3Session(
      async (client) => {
        expect(await client.command(`AUTH PLAIN ${b64('\0alice\0secret pass')}`)).toMatch(/^\+OK alice's maildrop/);
      },
      { login: false },
    );
  });

  it('PLAIN in the continuation form; "=" is an empty initial response', async () => {
    await withPop3Session(
      async (client) => {
        expect(await client.command('AUTH PLAIN =')).toBe('-ERR [AUTH] Invalid PLAIN response');
        expect(await client.command('AUTH PLAIN')).toBe('+ ');
        expect(await client.command(b64('\0alice\0secret pass'))).toMatch(/^\+OK alice's maildrop/);
      },
      { login: false },
    );
  });

  it('LOGIN asks for the user name and the password', async () => {
    await withPop3Session(
      async (client) => {
        expect(await client.command(`AUTH LOGIN ${b64('alice')}`)).toBe('+ UGFzc3dvcmQ6');
        expect(await client.command(b64('secret pass'))).toMatch(/^\+OK alice's maildrop/);
      },
      { login: false, mechanisms: ['PLAIN', 'LOGIN'] },
    );
  });

  it('answers a bad continuation line with -ERR and goes on', async () => {
    await withPop3Session(
      async (client) => {
        expect(await client.command('AUTH PLAIN')).toBe('+ ');
        expect(await client.command('not base64!')).toBe('-ERR Invalid base64 in the SASL response');
        expect(await client.command('AUTH LOGIN')).toBe('-ERR Unsupported authentication mechanism LOGIN');
        expect(await client.command('AUTH PLAIN a b')).toBe('-ERR Unsupported authentication mechanism PLAIN');
      },
      { login: false },
    );
  });

  it('refuses to authenticate in clear when plaintext is not allowed, and lists no mechanism', async () => {
    await withPop3Session(
      async (client) => {
        expect(await client.command(`AUTH PLAIN ${b64('\0alice\0secret pass')}`)).toMatch(/^-ERR \[AUTH\] Plaintext/);
        expect((await client.multiline('AUTH')).lines).toEqual([]);
      },
      { login: false, allowPlaintextAuth: false },
    );
  });
});
