import { describe, expect, it } from 'vitest';
import { canonicalIpAddress, isCidr, isDomainName, isIpAddress } from './network-address';

describe('network addresses', () => {
  it('accepts IPv4 and IPv6 addresses, including the wildcards', () => {
    for (const ok of ['0.0.0.0', '::', '127.0.0.1', '2001:db8::1', '::ffff:192.0.2.1'])
      expect(isIpAddress(ok)).toBe(true);
    for (const bad of ['', 'localhost', '256.1.1.1', '010.0.0.1', 'fe80::1%eth0', '1.2.3', '[::1]'])
      expect(isIpAddress(bad)).toBe(false);
  });

  it('spells IPv6 addresses one way', () => {
    expect(canonicalIpAddress('0:0:0::1')).toBe('::1');
    expect(canonicalIpAddress('2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(canonicalIpAddress('192.0.2.1')).toBe('192.0.2.1');
  });

  it('accepts addresses and CIDR networks with a prefix that fits the family', () => {
    for (const ok of ['192.0.2.0/24', '10.0.0.1', '0.0.0.0/0', '2001:db8::/32', '::/0', '::1/128'])
      expect(isCidr(ok)).toBe(true);
    for (const bad of ['192.0.2.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/x', 'example.com/24', '10.0.0.0/-1'])
      expect(isCidr(bad)).toBe(false);
  });

  it('accepts RFC 1123 domain names', () => {
    for (const ok of ['example.com', 'mail-1.example.co.uk', 'localhost', 'xn--bcher-kva.example'])
      expect(isDomainName(ok)).toBe(true);
    for (const bad of [
      '',
      '-a.example',
      'a-.example',
      'a..b',
      'example.com.',
      'a_b.example',
      'é.example',
      `${'a'.repeat(64)}.example`,
    ])
      expect(isDomainName(bad)).toBe(false);
  });
});
