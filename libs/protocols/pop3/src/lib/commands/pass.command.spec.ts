import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('PASS', () => {
  it('logs in and locks the maildrop; a wrong password leaves the session in AUTHORIZATION', async () => {
    const fixture = await withPop3Session(
      async (client, { backend }) => {
        await client.command('USER alice');
        expect(await client.command('PASS secret')).toBe(
          '-ERR [AUTH] Authentication failed: wrong user name or password',
        );
        expect(backend.locked.has('alice')).toBe(false);
        await client.command('USER alice');
        expect(await client.command('PASS secret pass')).toBe("+OK alice's maildrop has 3 messages (144 octets)");
        expect(backend.locked.has('alice')).toBe(true);
      },
      { login: false },
    );
    expect(fixture.backend.locked.size).toBe(0);
  });

  it('says [SYS/TEMP] while the backend throttles logins', async () => {
    await withPop3Session(
      async (client, { backend }) => {
        backend.throttled = true;
        await client.command('USER alice');
        expect(await client.command('PASS secret pass')).toBe(
          '-ERR [SYS/TEMP] Too many failed logins, try again later',
        );
      },
      { login: false },
    );
  });
});
