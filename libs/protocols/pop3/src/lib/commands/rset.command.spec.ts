import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('RSET', () => {
  it('unmarks every deleted message', async () => {
    const fixture = await withPop3Session(async (client) => {
      await client.command('DELE 1');
      await client.command('DELE 2');
      expect(await client.command('RSET')).toBe('+OK Maildrop has 3 messages (144 octets)');
      expect(await client.command('STAT')).toBe('+OK 3 144');
      expect(await client.command('QUIT')).toBe('+OK Bye (3 messages left)');
    });
    expect(fixture.backend.maildrops.get('alice')).toHaveLength(3);
  });
});
