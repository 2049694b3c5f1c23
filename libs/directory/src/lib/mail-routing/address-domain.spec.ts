import { describe, expect, it } from 'vitest';
import { addressDomain } from './address-domain';

describe('addressDomain', () => {
  it('gives the ASCII lower-case domain of a path or mailbox', () => {
    expect(addressDomain('Jane@EXAMPLE.com')).toBe('example.com');
    expect(addressDomain('<jane@Bücher.example>')).toBe('xn--bcher-kva.example');
    expect(addressDomain('<@relay.example:jane@example.org>')).toBe('example.org');
  });

  it('has no domain for the null path, junk and address literals', () => {
    expect(addressDomain('<>')).toBeNull();
    expect(addressDomain('not an address')).toBeNull();
    expect(addressDomain('root@[192.0.2.1]')).toBeNull();
  });
});
