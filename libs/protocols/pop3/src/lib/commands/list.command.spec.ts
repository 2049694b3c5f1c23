import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('LIST', () => {
  it('gives a scan listing of every message or of one', async () => {
    await withPop3Session(async (client) => {
      expect(await client.multiline('LIST')).toEqual({ status: '+OK 3 messages', lines: ['1 84', '2 25', '3 35'] });
      expect(await client.command('LIST 3')).toBe('+OK 3 35');
      await client.command('DELE 2');
      expect((await client.multiline('LIST')).lines).toEqual(['1 84', '3 35']);
      expect(await client.command('LIST 2')).toBe('-ERR Message is deleted');
      expect(await client.command('LIST 99999999999')).toBe('-ERR Invalid message number');
    });
  });
});
