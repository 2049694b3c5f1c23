import { describe, expect, it } from 'vitest';
import { createMailbox } from './create-mailbox';
import { toLocalPartAtom } from './local-part';

describe('createMailbox', () => {
  it('builds a validated mailbox from a template result', () => {
    const result = createMailbox({
      localPart: toLocalPartAtom('Zoë.Martin'),
      domain: 'Example.COM',
      displayName: 'Zoë Martin',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'mailbox',
        displayName: 'Zoë Martin',
        localPart: 'Zoe.Martin',
        domain: 'example.com',
        domainAscii: 'example.com',
        domainUnicode: 'example.com',
        domainType: 'name',
        isInternational: false,
        address: 'Zoe.Martin@example.com',
      },
    });
  });

  it('quotes local parts that need it', () => {
    expect(createMailbox({ localPart: 'john doe', domain: 'example.com' })).toMatchObject({
      ok: true,
      value: { address: '"john doe"@example.com' },
    });
  });

  it('reports invalid parts', () => {
    expect(createMailbox({ localPart: '', domain: 'example.com' }).ok).toBe(true); // "" is a valid quoted local part
    expect(createMailbox({ localPart: 'a', domain: 'bad_domain' }).ok).toBe(false);
    expect(createMailbox({ localPart: 'a\tb', domain: 'example.com' }).ok).toBe(false);
    expect(createMailbox({ localPart: 'a'.repeat(65), domain: 'example.com' }).ok).toBe(false);
  });
});
