import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('NOOP', () => {
  it('answers +OK in TRANSACTION and is not valid before login', async () => {
    await withPop3Session(
      async (client) => {
        expect(await client.command('NOOP')).toBe('-ERR NOOP is not valid in this state');
        await client.command('USER alice');
        await client.command('PASS secret pass');
        expect(await client.command('noop')).toBe('+OK');
      },
      { login: false },
    );
  });
});
