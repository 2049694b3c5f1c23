import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('DELE', () => {
  it('marks only; the message goes at QUIT, not when the connection just drops', async () => {
    const fixture = await withPop3Session(async (client, { backend }) => {
      expect(await client.command('DELE 1')).toBe('+OK Message 1 deleted');
      expect(backend.maildrops.get('alice')).toHaveLength(3);
    });
    expect(fixture.backend.maildrops.get('alice')).toHaveLength(3);
    expect(fixture.backend.locked.size).toBe(0);
  });
});
