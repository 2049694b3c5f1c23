import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('STAT', () => {
  it('counts the messages not marked deleted', async () => {
    await withPop3Session(async (client) => {
      expect(await client.command('STAT')).toBe('+OK 3 144');
      await client.command('DELE 3');
      expect(await client.command('STAT')).toBe('+OK 2 109');
    });
  });
});
