import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('STLS (RFC 2595)', () => {
  it('negotiates TLS, forgets the USER given before, then allows passwords', async () => {
    await withPop3Session(
      async (client) => {
        expect(await client.command('USER alice')).toBe('+OK Send the password of alice');
        expect(await client.command('STLS')).toBe('+OK Begin TLS negotiation');
        await client.upgrade();
        expect(client.encrypted).toBe(true);
        expect(await client.command('PASS secret pass')).toBe('-ERR Send USER first');
        expect(await client.command('USER alice')).toBe('+OK Send the password of alice');
        expect(await client.command('PASS secret pass')).toMatch(/^\+OK/);
      },
      { login: false },
    );
  });
});
