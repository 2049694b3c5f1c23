import { describe, expect, it } from 'vitest';
import { addressKey } from './address-key';

describe('addressKey', () => {
  it('is case-insensitive and uses the ASCII domain', () => {
    expect(addressKey('John.Doe@EXAMPLE.com')).toBe('john.doe@example.com');
    expect(addressKey('Pelé@EXÄMPLE.com')).toBe('pelé@xn--exmple-cua.com');
    expect(addressKey('pelé@xn--exmple-cua.com')).toBe(addressKey('PELÉ@exämple.com'));
  });

  it('canonicalises quoting and accepts paths and header mailboxes', () => {
    expect(addressKey('"john"@example.com')).toBe('john@example.com');
    expect(addressKey('"John Doe"@example.com')).toBe('"john doe"@example.com');
    expect(addressKey(' <john@example.com> ')).toBe('john@example.com');
    expect(addressKey('John <john(c)@example.com>')).toBe('john@example.com');
  });

  it('canonicalises IPv6 literals', () => {
    expect(addressKey('a@[IPv6:2001:DB8:0::1]')).toBe(addressKey('a@[ipv6:2001:db8::1]'));
  });

  it('NFC-normalises so composed and decomposed forms collide', () => {
    expect(addressKey('Pele\u0301@example.com')).toBe(addressKey('Pel\u00e9@example.com'));
  });

  it('falls back to the lower-cased text for unparseable input', () => {
    expect(addressKey('  Not An Address ')).toBe('not an address');
    expect(addressKey('<>')).toBe('<>');
  });
});
