import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('QUIT', () => {
  it('applies the deletions in the UPDATE state and releases the lock', async () => {
    const fixture = await withPop3Session(async (client, { backend }) => {
      await client.command('DELE 1');
      await client.command('DELE 3');
      expect(await client.command('QUIT')).toBe('+OK Bye (1 messages left)');
      expect(await client.readLine()).toBeNull();
      expect(backend.locked.size).toBe(0);
    });
    expect(fixture.backend.maildrops.get('alice')?.map((m) => m.uid)).toEqual(['uid-2']);
  });

  it('reports a failed commit with [SYS/TEMP] and still releases the lock', async () => {
    const fixture = await withPop3Session(async (client, { backend }) => {
      backend.failCommit = true;
      await client.command('DELE 1');
      expect(await client.command('QUIT')).toBe(
        '-ERR [SYS/TEMP] Some deleted messages were not removed; try again later',
      );
    });
    expect(fixture.backend.locked.size).toBe(0);
    expect(fixture.backend.maildrops.get('alice')).toHaveLength(3);
  });
});
