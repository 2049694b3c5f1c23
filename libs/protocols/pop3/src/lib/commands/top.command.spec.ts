import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('TOP', () => {
  it('sends the header section and n body lines', async () => {
    await withPop3Session(async (client) => {
      expect((await client.multiline('TOP 1 1')).lines).toEqual([
        'Subject: one',
        'From: bob@test.example',
        '',
        'First message.',
      ]);
      expect((await client.multiline('TOP 2 100')).lines).toEqual(['Subject: two', '', 'Second.']);
      expect(await client.command('TOP 1 x')).toBe('-ERR Usage: TOP msg n');
    });
  });
});
