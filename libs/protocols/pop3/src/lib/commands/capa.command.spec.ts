import { describe, expect, it } from 'vitest';
import { withPop3Session } from '../../testing/pop3-session';

describe('CAPA', () => {
  it('lists USER and SASL before login when passwords may be sent, and not after', async () => {
    await withPop3Session(
      async (client) => {
        const before = await client.multiline('CAPA');
        expect(before.lines).toEqual(expect.arrayContaining(['USER', 'SASL PLAIN LOGIN', 'STLS', 'TOP', 'UIDL']));
        await client.command('USER alice');
        await client.command('PASS secret pass');
        const after = await client.multiline('CAPA');
        expect(after.status).toBe('+OK Capability list follows');
        expect(after.lines).not.toContain('USER');
        expect(after.lines).not.toContain('STLS');
        expect(after.lines).toContain('RESP-CODES');
      },
      { login: false, mechanisms: ['PLAIN', 'LOGIN'] },
    );
  });

  it('offers no STLS without a certificate', async () => {
    await withPop3Session(
      async (client) => {
        expect((await client.multiline('CAPA')).lines).not.toContain('STLS');
        expect(await client.command('STLS')).toBe('-ERR STLS is not available: this server has no certificate');
      },
      { login: false, tls: null },
    );
  });
});
