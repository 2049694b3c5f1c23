import { describe, expect, it } from 'vitest';
import {
  expandLocalPart,
  normaliseAddressTemplate,
  parseAddressTemplate,
  withCollisionSuffix,
  type TemplateNames,
} from './address-template';

function person(firstName: string, lastName: string, extra: Partial<TemplateNames> = {}): TemplateNames {
  return {
    firstName,
    lastName,
    initials: '',
    alias: 'fallback',
    displayName: `${firstName} ${lastName}`.trim(),
    ...extra,
  };
}

function expand(template: string, names: TemplateNames): string {
  const parsed = parseAddressTemplate(template);
  if (!parsed.ok) throw new Error(parsed.error);
  return `${expandLocalPart(parsed.value, names)}@${parsed.value.domain}`;
}

describe('address templates', () => {
  it.each([
    ['%g.%s@example.com', person('John', 'Smith'), 'John.Smith@example.com'],
    ['%1g%s@example.com', person('John', 'Smith'), 'JSmith@example.com'],
    ['%g%1s@example.com', person('John', 'Smith'), 'JohnS@example.com'],
    ['%3g.%3s@example.com', person('Jo', 'Smithers'), 'Jo.Smi@example.com'],
    ['%m@example.com', person('John', 'Smith', { alias: 'jsmith' }), 'jsmith@example.com'],
    ['%d@example.com', person('Mary', 'Ann Lee'), 'MaryAnnLee@example.com'],
    ['%g.%i.%s@example.com', person('John', 'Smith', { initials: 'Q' }), 'John.Q.Smith@example.com'],
    ['%g.%i.%s@example.com', person('John', 'Smith'), 'John.Smith@example.com'],
    ['%g.%s@example.com', person('José', 'Ñúñez'), 'Jose.Nunez@example.com'],
    ['%g.%s@example.com', person('Jürgen', 'Großmann'), 'Jurgen.Grossmann@example.com'],
    ['%g.%s@example.com', person('Søren', 'Kierkegaard'), 'Soren.Kierkegaard@example.com'],
    ['%g.%s@example.com', person('Seán', "O'Brien"), "Sean.O'Brien@example.com"],
    ["%r''%g.%s@example.com", person('Seán', "O'Brien"), 'Sean.OBrien@example.com'],
    ['%r -%g.%s@example.com', person('Anne Marie', 'Smith Jones'), 'Anne-Marie.Smith-Jones@example.com'],
    ['%g.%s@example.com', person('Cher', ''), 'Cher@example.com'],
    ['%g.%s@example.com', person('', ''), 'fallback@example.com'],
    ['%g.%s@example.com', person('李', '小龙'), 'fallback@example.com'],
    ['%g (%s)@example.com', person('John', 'Smith'), 'JohnSmith@example.com'],
    ['sales.%m@example.com', person('', '', { alias: 'bob' }), 'sales.bob@example.com'],
    ['%%%m@example.com', person('', '', { alias: 'bob' }), '%bob@example.com'],
    ['%g..%s@Example.COM', person('John', 'Smith'), 'John.Smith@example.com'],
    ['%m@bücher.example', person('', '', { alias: 'anna' }), 'anna@xn--bcher-kva.example'],
  ])('%s for %j gives %s', (template, names, expected) => {
    expect(expand(template, names)).toBe(expected);
  });

  it('cuts the first N letters by code point', () => {
    expect(expand('%1g%s@example.com', person('Émile', 'Zola'))).toBe('EZola@example.com');
  });

  it('refuses malformed templates', () => {
    expect(parseAddressTemplate('%g.%s')).toMatchObject({ ok: false, error: expect.stringMatching(/no @domain/) });
    expect(parseAddressTemplate('%g@not a domain')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/invalid domain/),
    });
    expect(parseAddressTemplate('%x@example.com')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/unknown variable/),
    });
    expect(parseAddressTemplate('%0g@example.com')).toMatchObject({ ok: false });
    expect(parseAddressTemplate('@example.com')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/empty local part/),
    });
  });

  it('normalises the stored domain', () => {
    expect(normaliseAddressTemplate('%g.%s@Bücher.Example')).toBe('%g.%s@xn--bcher-kva.example');
  });

  it('appends 2, 3, … on collision and stays within 64 octets', () => {
    expect(withCollisionSuffix('jsmith', 1)).toBe('jsmith');
    expect(withCollisionSuffix('jsmith', 2)).toBe('jsmith2');
    expect(withCollisionSuffix('jsmith', 13)).toBe('jsmith13');
    const long = 'a'.repeat(64);
    expect(withCollisionSuffix(long, 10)).toBe(`${'a'.repeat(62)}10`);
    expect(withCollisionSuffix(`${'a'.repeat(62)}.b`, 10)).toBe(`${'a'.repeat(62)}10`);
  });
});
