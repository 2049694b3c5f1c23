import { describe, expect, it } from 'vitest';
import { addressKeyOf, domainOfTemplate } from './policy-domain';

describe('policy domain', () => {
  it('reads the domain of an address template', () => {
    expect(domainOfTemplate('%m@test.example')).toBe('test.example');
    expect(domainOfTemplate('%g.%s@Mail.Example.COM')).toBe('Mail.Example.COM');
  });

  it('refuses templates without a fixed domain', () => {
    expect(domainOfTemplate('%m')).toBeNull();
    expect(domainOfTemplate('%m@%d.example')).toBeNull();
    expect(domainOfTemplate('%m@')).toBeNull();
  });

  it('keys addresses lower-case with a punycode domain', () => {
    expect(addressKeyOf('Sales', 'Bücher.Example')).toBe('sales@xn--bcher-kva.example');
  });
});
