import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('UIDL', () => {
  it('gives the same unique-ids in every session', async () => {
    let first: string[] = [];
    await withPop3Session(async (client) => {
      first = (await client.multiline('UIDL')).lines;
    });
    await withPop3Session(async (client) => {
      expect((await client.multiline('UIDL')).lines).toEqual(first);
      expect(await client.command('UIDL 2')).toBe('+OK 2 uid-2');
    });
    expect(first).toEqual(['1 uid-1', '2 uid-2', '3 uid-3']);
  });
});
