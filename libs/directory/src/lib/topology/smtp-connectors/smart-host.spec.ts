import { describe, expect, it } from 'vitest';
import { isAddressSpacePattern } from './address-space';
import { parseSmartHost } from './smart-host';

describe('smart hosts', () => {
  it('parses host names and bracketed IP literals with an optional port', () => {
    expect(parseSmartHost('relay.example.net')).toEqual({ host: 'relay.example.net', literal: false, port: null });
    expect(parseSmartHost('relay.example.net:587')).toEqual({ host: 'relay.example.net', literal: false, port: 587 });
    expect(parseSmartHost('[192.0.2.25]')).toEqual({ host: '192.0.2.25', literal: true, port: null });
    expect(parseSmartHost('[2001:db8::25]:2525')).toEqual({ host: '2001:db8::25', literal: true, port: 2525 });
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      '192.0.2.25',
      '[relay.example.net]',
      '[192.0.2.25',
      'relay:0',
      'relay:65536',
      'relay:',
      'a b',
      '[::1]x',
      'http://relay',
    ])
      expect(parseSmartHost(bad)).toBeNull();
  });
});

describe('address space patterns', () => {
  it('are *, a domain or *.domain', () => {
    for (const ok of ['*', 'example.com', '*.example.com', 'localhost']) expect(isAddressSpacePattern(ok)).toBe(true);
    for (const bad of ['', '**', '*.', '*.*', 'a.*.com', 'ex ample.com', '*example.com', '.example.com'])
      expect(isAddressSpacePattern(bad)).toBe(false);
  });
});
