import { describe, expect, it } from 'vitest';
import type { VirtualServerDto } from '@estafette/contracts';
import { planImapListeners } from './imap-listener-plan';

function imap4(overrides: Partial<VirtualServerDto> = {}): VirtualServerDto {
  return {
    id: 'vs1',
    serverId: 's1',
    protocol: 'imap4',
    name: 'Default IMAP4 Virtual Server',
    bindAddress: '0.0.0.0',
    port: 143,
    tlsPort: 993,
    enabled: true,
    authMethods: ['plain', 'login'],
    settings: {},
    ...overrides,
  };
}

describe('planImapListeners', () => {
  it('plans 143 with STARTTLS and 993 with implicit TLS, RFC 3501 autologout, no plaintext passwords', () => {
    expect(planImapListeners([imap4()])).toEqual([
      {
        key: 'vs1/imap',
        virtualServerName: 'Default IMAP4 Virtual Server',
        role: 'imap',
        host: '0.0.0.0',
        port: 143,
        settings: { idleTimeoutMs: 1_800_000, allowPlaintextAuth: false },
      },
      expect.objectContaining({ key: 'vs1/imaps', role: 'imaps', port: 993 }),
    ]);
  });

  it('follows the settings and leaves out disabled servers, other protocols and a missing TLS port', () => {
    const plan = planImapListeners([
      imap4({
        tlsPort: null,
        settings: { connectionTimeoutSeconds: 60, allowPlaintextAuth: true, maxMessageSizeKb: 10 },
      }),
      imap4({ id: 'vs2', enabled: false }),
      imap4({ id: 'vs3', protocol: 'pop3' }),
    ]);
    expect(plan).toHaveLength(1);
    expect(plan[0].settings).toEqual({ idleTimeoutMs: 60_000, allowPlaintextAuth: true, maxMessageBytes: 10_240 });
  });
});
