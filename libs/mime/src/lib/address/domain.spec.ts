import { describe, expect, it } from 'vitest';
import { isValidDomain, normaliseDomain, resolveAddressLiteral, resolveDomainName } from './domain';

describe('isValidDomain', () => {
  it.each([
    'example.com',
    'localhost',
    'a-b.example',
    'xn--exmple-cua.com',
    'exämple.com',
    '例子.广告',
    'EXAMPLE.COM',
    '1.example',
  ])('accepts %s', (domain) => expect(isValidDomain(domain)).toBe(true));

  it.each([
    '',
    '.example.com',
    'example.com.',
    'a..b',
    '-a.com',
    'a-.com',
    'a_b.com',
    'a b.com',
    '1.2.3.4',
    'xn--zz.com',
    `${'a'.repeat(64)}.com`,
    `${'a.'.repeat(127)}com`,
    '[1.2.3.4]',
  ])('rejects %j', (domain) => expect(isValidDomain(domain)).toBe(false));

  it('accepts a 63-octet label', () => {
    expect(isValidDomain(`${'a'.repeat(63)}.com`)).toBe(true);
  });
});

describe('normaliseDomain', () => {
  it('lower-cases and converts U-labels to A-labels', () => {
    expect(normaliseDomain('Example.COM')).toBe('example.com');
    expect(normaliseDomain('EXÄMPLE.com')).toBe('xn--exmple-cua.com');
    expect(normaliseDomain('例子.广告')).toBe('xn--fsqu00a.xn--4rr70v');
  });

  it('returns null for invalid domains', () => {
    expect(normaliseDomain('bad_domain')).toBeNull();
  });
});

describe('resolveDomainName', () => {
  it('derives all three forms', () => {
    expect(resolveDomainName('Bücher.Example')).toEqual({
      ok: true,
      value: {
        domain: 'bücher.example',
        domainAscii: 'xn--bcher-kva.example',
        domainUnicode: 'bücher.example',
        domainType: 'name',
      },
    });
  });

  it('reports why a domain is invalid', () => {
    expect(resolveDomainName(`${'a'.repeat(64)}.com`)).toEqual({
      ok: false,
      message: expect.stringContaining('63 octets'),
    });
    expect(resolveDomainName(`${'a.'.repeat(128)}com`)).toEqual({
      ok: false,
      message: expect.stringContaining('255 octets'),
    });
  });
});

describe('resolveAddressLiteral', () => {
  it('validates IPv4 literals', () => {
    expect(resolveAddressLiteral('192.0.2.1')).toMatchObject({
      ok: true,
      value: { domain: '[192.0.2.1]', domainType: 'ipv4' },
    });
    expect(resolveAddressLiteral('192.0.2').ok).toBe(false);
    expect(resolveAddressLiteral('192.0.2.01').ok).toBe(false);
  });

  it('validates and canonicalises IPv6 literals', () => {
    expect(resolveAddressLiteral('IPv6:2001:DB8:0:0:0:0:0:1')).toMatchObject({
      ok: true,
      value: { domain: '[IPv6:2001:db8:0:0:0:0:0:1]', domainAscii: '[IPv6:2001:db8::1]', domainType: 'ipv6' },
    });
    expect(resolveAddressLiteral('IPv6:1.2.3.4').ok).toBe(false);
    expect(resolveAddressLiteral('IPv6:fe80::1%eth0').ok).toBe(false);
  });
});
