import { describe, expect, it } from 'vitest';
import { mayRelay } from './relay-policy';

describe('relay policy (no open relay)', () => {
  const exchangeDefault = { allowAuthenticatedRelay: true, relayFrom: [] };

  it('lets authenticated clients relay and nobody else, by default', () => {
    expect(mayRelay(exchangeDefault, { address: '192.0.2.7', authenticated: true })).toBe(true);
    expect(mayRelay(exchangeDefault, { address: '192.0.2.7', authenticated: false })).toBe(false);
    expect(mayRelay(exchangeDefault, { address: '127.0.0.1', authenticated: false })).toBe(false);
  });

  it('honours relayFrom addresses and networks, IPv4 clients on dual-stack sockets included', () => {
    const policy = { allowAuthenticatedRelay: false, relayFrom: ['192.0.2.0/24', '198.51.100.7', '2001:db8::/32'] };
    expect(mayRelay(policy, { address: '192.0.2.200', authenticated: false })).toBe(true);
    expect(mayRelay(policy, { address: '::ffff:192.0.2.1', authenticated: false })).toBe(true);
    expect(mayRelay(policy, { address: '198.51.100.7', authenticated: false })).toBe(true);
    expect(mayRelay(policy, { address: '198.51.100.8', authenticated: false })).toBe(false);
    expect(mayRelay(policy, { address: '2001:db8:1::5', authenticated: false })).toBe(true);
    expect(mayRelay(policy, { address: '2001:db9::5', authenticated: false })).toBe(false);
  });

  it('refuses authenticated relay when the virtual server says so', () => {
    const policy = { allowAuthenticatedRelay: false, relayFrom: [] };
    expect(mayRelay(policy, { address: '192.0.2.7', authenticated: true })).toBe(false);
  });
});
