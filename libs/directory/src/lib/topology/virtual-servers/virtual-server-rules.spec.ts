import { describe, expect, it } from 'vitest';
import {
  bindAddressesOverlap,
  findPortConflict,
  virtualServerProblems,
  type VirtualServerShape,
} from './virtual-server-rules';

function vs(extra: Partial<VirtualServerShape> = {}): VirtualServerShape {
  return {
    protocol: 'smtp',
    name: 'SMTP',
    bindAddress: '0.0.0.0',
    port: 25,
    tlsPort: 465,
    enabled: true,
    authMethods: ['plain', 'login'],
    settings: { relay: { allowAuthenticatedRelay: true, relayFrom: ['192.0.2.0/24'] }, submissionPort: 587 },
    ...extra,
  };
}

const fields = (shape: VirtualServerShape) => virtualServerProblems(shape).map((p) => p.field);

describe('virtual server rules', () => {
  it('accepts a sound SMTP virtual server', () => {
    expect(virtualServerProblems(vs())).toEqual([]);
  });

  it('checks the bind address', () => {
    expect(fields(vs({ bindAddress: 'localhost' }))).toEqual(['bindAddress']);
    expect(fields(vs({ bindAddress: '::' }))).toEqual([]);
  });

  it('allows only the protocol’s authentication methods, at least one, each once', () => {
    expect(fields(vs({ protocol: 'imap4', authMethods: ['anonymous'], settings: {} }))).toEqual(['authMethods']);
    expect(fields(vs({ protocol: 'ldap', authMethods: ['basic', 'anonymous'], settings: {} }))).toEqual([]);
    expect(fields(vs({ authMethods: [] }))).toEqual(['authMethods']);
    expect(fields(vs({ authMethods: ['plain', 'plain'] }))).toEqual(['authMethods']);
    expect(fields(vs({ authMethods: ['integrated'] }))).toEqual(['authMethods']);
  });

  it('refuses settings that do not apply to the protocol', () => {
    const pop3 = vs({
      protocol: 'pop3',
      settings: { maxConnections: 10, relay: { allowAuthenticatedRelay: false, relayFrom: [] } },
    });
    expect(fields(pop3)).toEqual(['settings.relay']);
    expect(fields(vs({ protocol: 'nntp', authMethods: ['anonymous'], settings: { maxMessageSizeKb: 100 } }))).toEqual(
      [],
    );
  });

  it('checks each relay entry', () => {
    const bad = vs({
      settings: { relay: { allowAuthenticatedRelay: true, relayFrom: ['10.0.0.0/8', 'example.com'] } },
    });
    expect(fields(bad)).toEqual(['settings.relay.relayFrom.1']);
  });

  it('refuses a virtual server that uses one port twice, except the ephemeral port 0', () => {
    expect(fields(vs({ tlsPort: 25 }))).toEqual(['tlsPort']);
    expect(fields(vs({ settings: { submissionPort: 465 } }))).toEqual(['settings.submissionPort']);
    expect(fields(vs({ port: 0, tlsPort: 0, settings: { submissionPort: 0 } }))).toEqual([]);
  });
});

describe('port conflicts', () => {
  it('knows which bind addresses overlap', () => {
    expect(bindAddressesOverlap('0.0.0.0', '192.0.2.1')).toBe(true);
    expect(bindAddressesOverlap('192.0.2.1', '192.0.2.2')).toBe(false);
    expect(bindAddressesOverlap('::', '192.0.2.1')).toBe(true);
    expect(bindAddressesOverlap('0.0.0.0', '2001:db8::1')).toBe(false);
    expect(bindAddressesOverlap('0:0::1', '::1')).toBe(true);
  });

  it('finds an enabled neighbour on the same address and port', () => {
    const existing = {
      ...vs({ protocol: 'http', authMethods: ['basic'], settings: {}, port: 8080, tlsPort: null }),
      id: 'h',
    };
    expect(findPortConflict(vs({ port: 8080 }), [existing])).toMatchObject({
      port: 8080,
      field: 'port',
      other: { id: 'h' },
    });
    expect(findPortConflict(vs({ settings: { submissionPort: 8080 } }), [existing])).toMatchObject({
      field: 'settings.submissionPort',
    });
    expect(findPortConflict(vs({ port: 8080, bindAddress: '2001:db8::1' }), [existing])).toBeNull();
    expect(findPortConflict(vs({ port: 8080, enabled: false }), [existing])).toBeNull();
    expect(findPortConflict(vs({ port: 8080 }), [{ ...existing, enabled: false }])).toBeNull();
    expect(findPortConflict(vs({ port: 0 }), [{ ...existing, port: 0 }])).toBeNull();
  });
});
