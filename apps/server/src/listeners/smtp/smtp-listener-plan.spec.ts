import { describe, expect, it } from 'vitest';
import type { OrganizationDto, VirtualServerDto } from '@estafette/contracts';
import { planSmtpListeners, sameBinding } from './smtp-listener-plan';

const organization: OrganizationDto = { id: 'o', name: 'Org', maxMessageSizeKb: 10240, maxRecipientsPerMessage: 5000 };

function vs(extra: Partial<VirtualServerDto> = {}): VirtualServerDto {
  return {
    id: 'v1',
    serverId: 's',
    protocol: 'smtp',
    name: 'Default SMTP Virtual Server',
    bindAddress: '0.0.0.0',
    port: 25,
    tlsPort: 465,
    enabled: true,
    authMethods: ['plain', 'login'],
    settings: {
      submissionPort: 587,
      maxMessageSizeKb: 2048,
      maxRecipients: 100,
      maxConnections: 50,
      connectionTimeoutSeconds: 60,
    },
    ...extra,
  };
}

describe('SMTP listener plan', () => {
  it('gives an SMTP virtual server its MX, submission and SMTPS listeners with the smallest limits', () => {
    const plan = planSmtpListeners([vs()], organization);
    expect(plan.map((p) => [p.key, p.mode, p.port])).toEqual([
      ['v1/mx', 'mx', 25],
      ['v1/submission', 'submission', 587],
      ['v1/smtps', 'smtps', 465],
    ]);
    expect(plan[0].settings).toEqual({
      maxMessageBytes: 2048 * 1024,
      maxRecipients: 100,
      maxConnections: 50,
      idleTimeoutMs: 60_000,
      allowPlaintextAuth: false,
      authMethods: ['PLAIN', 'LOGIN'],
    });
  });

  it('takes the organisation limits when they are smaller or the virtual server has none', () => {
    const plan = planSmtpListeners([vs({ settings: { maxMessageSizeKb: 50_000 } })], {
      ...organization,
      maxRecipientsPerMessage: 10,
    });
    expect(plan[0].settings.maxMessageBytes).toBe(10240 * 1024);
    expect(plan[0].settings.maxRecipients).toBe(10);
    expect(plan[0].settings.idleTimeoutMs).toBe(600_000);
  });

  it('skips disabled and non-SMTP virtual servers, absent ports, and submission without mechanisms', () => {
    expect(planSmtpListeners([vs({ enabled: false }), vs({ protocol: 'imap4' })], organization)).toEqual([]);
    expect(planSmtpListeners([vs({ tlsPort: null, settings: {} })], organization).map((p) => p.mode)).toEqual(['mx']);
    expect(planSmtpListeners([vs({ authMethods: ['anonymous'] })], organization).map((p) => p.mode)).toEqual(['mx']);
  });

  it('tells a move from a settings change', () => {
    const [a] = planSmtpListeners([vs()], organization);
    const [b] = planSmtpListeners([vs({ settings: { submissionPort: 587, maxRecipients: 1 } })], organization);
    const [c] = planSmtpListeners([vs({ port: 2525 })], organization);
    expect(sameBinding(a, b)).toBe(true);
    expect(sameBinding(a, c)).toBe(false);
    const [d] = planSmtpListeners([vs({ authMethods: ['login'] })], organization);
    expect(sameBinding(a, d)).toBe(false);
  });
});
