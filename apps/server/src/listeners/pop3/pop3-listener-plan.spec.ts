import { describe, expect, it } from 'vitest';
import type { VirtualServerDto } from '@estafette/contracts';
import { planPop3Listeners } from './pop3-listener-plan';

const pop3: VirtualServerDto = {
  id: 'vs1',
  serverId: 's1',
  protocol: 'pop3',
  name: 'Default POP3 Virtual Server',
  bindAddress: '0.0.0.0',
  port: 110,
  tlsPort: 995,
  enabled: true,
  authMethods: ['plain', 'login'],
  settings: { maxConnections: 1000, connectionTimeoutSeconds: 900, allowPlaintextAuth: false },
};

describe('planPop3Listeners', () => {
  it('plans POP3 with STLS on the port and implicit TLS on the TLS port', () => {
    const specs = planPop3Listeners([pop3]);
    expect(specs.map((s) => [s.key, s.role, s.port])).toEqual([
      ['vs1/pop3', 'pop3', 110],
      ['vs1/pop3s', 'pop3s', 995],
    ]);
    expect(specs[0].settings).toEqual({
      idleTimeoutMs: 900_000,
      maxConnections: 1000,
      allowPlaintextAuth: false,
      userPass: true,
      mechanisms: ['PLAIN', 'LOGIN'],
    });
  });

  it('keeps the autologout timer at 10 minutes at least (RFC 1939 §3)', () => {
    const [spec] = planPop3Listeners([{ ...pop3, settings: { ...pop3.settings, connectionTimeoutSeconds: 30 } }]);
    expect(spec.settings.idleTimeoutMs).toBe(600_000);
  });

  it('plans nothing for a disabled or non-POP3 virtual server, and no 995 without a TLS port', () => {
    expect(
      planPop3Listeners([
        { ...pop3, enabled: false },
        { ...pop3, protocol: 'imap4' },
      ]),
    ).toEqual([]);
    expect(planPop3Listeners([{ ...pop3, tlsPort: null }]).map((s) => s.role)).toEqual(['pop3']);
  });

  it('offers no USER/PASS and no SASL when the virtual server has no password method', () => {
    const [spec] = planPop3Listeners([{ ...pop3, authMethods: [] }]);
    expect(spec.settings.userPass).toBe(false);
    expect(spec.settings.mechanisms).toEqual([]);
  });
});
