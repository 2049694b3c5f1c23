import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('USER', () => {
  it('answers +OK for unknown names too, so that names cannot be probed', async () => {
    await withPop3Session(
      async (client) => {
        expect(await client.command('USER nobody')).toBe('+OK Send the password of nobody');
        expect(await client.command('USER two words')).toBe('-ERR Usage: USER name');
      },
      { login: false },
    );
  });

  it('is refused when the listener has USER/PASS turned off', async () => {
    await withPop3Session(
      async (client) => {
        expect(await client.command('USER alice')).toBe('-ERR USER/PASS is not enabled on this server, use AUTH');
        expect((await client.multiline('CAPA')).lines).not.toContain('USER');
      },
      { login: false, userPass: false },
    );
  });

  it('is refused in clear when plaintext passwords are not allowed (RFC 2595)', async () => {
    await withPop3Session(
      async (client) => {
        expect(await client.command('USER alice')).toMatch(/^-ERR \[AUTH\] Plaintext authentication is not allowed/);
      },
      { login: false, allowPlaintextAuth: false },
    );
  });
});
