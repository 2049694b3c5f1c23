import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddressList, formatMailbox } from './address-formatter';
import { addressKey } from './address-key';
import { parseAddressList, parseMailbox } from './address-parser';
import { createMailbox } from './create-mailbox';
import { isValidDomain, normaliseDomain } from './domain';
import { isValidLocalPart, toLocalPartAtom } from './local-part';
import type { Address, Mailbox, ParseResult } from './mailbox.model';
import { parseAddress, parsePath } from './smtp-path-parser';

/** Generated text together with how it is written in a header; the expectations are built without the code under test. */
interface Written {
  readonly written: string;
  readonly value: string;
}

const octets = (text: string): number => Buffer.byteLength(text, 'utf8');
const char = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((cp) => String.fromCodePoint(cp));

const asciiAtext = fc.constantFrom(
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~",
);
const unicodeText = fc
  .integer({ min: 0xa0, max: 0x10ffff })
  .filter((cp) => cp < 0xd800 || cp > 0xdfff)
  .map((cp) => String.fromCodePoint(cp));
const atext = fc.oneof({ weight: 4, arbitrary: asciiAtext }, { weight: 1, arbitrary: unicodeText });
const atom = fc.string({ unit: atext, minLength: 1, maxLength: 8 });
const printable = fc.oneof({ weight: 4, arbitrary: char(0x20, 0x7e) }, { weight: 1, arbitrary: unicodeText });

/** A quoted-string whose quoted-pairs escape `"` and `\` always and any other character at random. */
const quoted = (maxLength: number): fc.Arbitrary<Written> =>
  fc.array(fc.tuple(printable, fc.boolean()), { maxLength }).map((pairs) => ({
    value: pairs.map(([c]) => c).join(''),
    written: `"${pairs.map(([c, escape]) => (escape || c === '"' || c === '\\' ? `\\${c}` : c)).join('')}"`,
  }));

const dotAtom = fc.array(atom, { minLength: 1, maxLength: 4 }).map((atoms) => atoms.join('.'));
const localPart: fc.Arbitrary<Written> = fc
  .oneof(
    dotAtom.map((text) => ({ value: text, written: text })),
    quoted(20),
  )
  .filter((local) => octets(local.written) <= 64);

const ldhLabel = fc
  .stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/)
  .filter((label) => label.slice(2, 4) !== '--');
const idnLabel = fc.constantFrom('bücher', 'exämple', '例子', 'пример', 'δοκιμή', 'münchen', 'café');
const tld = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{1,5}$/), fc.constantFrom('广告', 'рф'));
const domainName: fc.Arbitrary<Written> = fc
  .tuple(
    fc.array(fc.oneof({ weight: 4, arbitrary: ldhLabel }, { weight: 1, arbitrary: idnLabel }), { maxLength: 3 }),
    tld,
    fc.boolean(),
  )
  .map(([labels, top, upper]) => {
    const name = [...labels, top].join('.');
    return { written: upper ? name.toUpperCase() : name, value: name.toLowerCase() };
  });
const ipLiteral: fc.Arbitrary<Written> = fc.oneof(
  fc.ipV4().map((ip) => ({ written: `[${ip}]`, value: `[${ip}]` })),
  fc.ipV6().map((ip) => ({ written: `[IPv6:${ip}]`, value: `[IPv6:${ip.toLowerCase()}]` })),
);
const domain = fc.oneof({ weight: 3, arbitrary: domainName }, { weight: 1, arbitrary: ipLiteral });

/** Display names as bare atoms or a quoted-string (raw UTF-8 allowed by RFC 6532); "=?" would read as RFC 2047. */
const displayName: fc.Arbitrary<Written> = fc
  .oneof(
    fc
      .array(atom, { minLength: 1, maxLength: 3 })
      .map((atoms) => ({ value: atoms.join(' '), written: atoms.join(' ') })),
    quoted(24),
  )
  .filter((name) => !name.value.includes('=?'));

interface GeneratedMailbox {
  readonly written: string;
  readonly expected: { localPart: string; domain: string; displayName?: string };
}

const mailbox: fc.Arbitrary<GeneratedMailbox> = fc
  .record({ local: localPart, domain, name: fc.option(displayName, { nil: undefined }) })
  .filter(({ local, domain: d }) => octets(`${local.written}@${d.written}`) <= 254)
  .map(({ local, domain: d, name }) => {
    const addrSpec = `${local.written}@${d.written}`;
    return {
      written: name ? `${name.written} <${addrSpec}>` : addrSpec,
      expected: { localPart: local.value, domain: d.value, ...(name?.value ? { displayName: name.value } : {}) },
    };
  });

const group = fc
  .record({ name: displayName, members: fc.array(mailbox, { maxLength: 3 }) })
  .map(({ name, members }) => ({
    written: `${name.written}:${members.map((m) => m.written).join(',')};`,
    expected: { kind: 'group' as const, name: name.value, members: members.map((m) => m.expected) },
  }));

const addressList = fc.array(fc.oneof(mailbox, group), { minLength: 1, maxLength: 4 });

function reparses(list: readonly Address[]): void {
  const again = parseAddressList(formatAddressList(list));
  expect(again).toEqual({ ok: true, value: list });
  expect(parseAddressList(formatAddressList(list, { utf8: true }))).toEqual({ ok: true, value: list });
}

function unwrap<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.message} at ${result.error.position}`);
  return result.value;
}

describe('property: valid addresses parse and round-trip', () => {
  it('parses generated mailboxes into the expected parts', () => {
    fc.assert(
      fc.property(mailbox, ({ written, expected }) => {
        const parsed = unwrap(parseMailbox(written));
        expect(parsed).toMatchObject(expected);
        if (!expected.displayName) expect(parsed).not.toHaveProperty('displayName');
        expect(octets(parsed.address)).toBeLessThanOrEqual(254);
      }),
      { numRuns: 500 },
    );
  });

  it('formats generated mailboxes and parses them back to the same structure', () => {
    fc.assert(
      fc.property(mailbox, ({ written }) => {
        const parsed = unwrap(parseMailbox(written));
        expect(parseMailbox(formatMailbox(parsed))).toEqual({ ok: true, value: parsed });
        const { displayName: _ignored, ...bare } = parsed;
        expect(parseAddress(parsed.address)).toEqual({ ok: true, value: bare });
        expect(parsePath(`<${parsed.address}>`)).toEqual({ ok: true, value: bare });
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips generated address lists with groups', () => {
    fc.assert(
      fc.property(addressList, (items) => {
        const parsed = unwrap(parseAddressList(items.map((item) => item.written).join(', ')));
        expect(parsed).toMatchObject(items.map((item) => item.expected));
        reparses(parsed);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips any display name through the formatter (quoting or RFC 2047)', () => {
    const anyName = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(anyName, fc.boolean(), (name, utf8) => {
        const built = unwrap(createMailbox({ localPart: 'user', domain: 'example.com', displayName: name }));
        const back = unwrap(parseMailbox(formatMailbox(built, { utf8 })));
        expect(back.displayName).toBe(name === '' ? undefined : name);
      }),
      { numRuns: 500 },
    );
  });
});

/** Strings built from the characters that steer the grammar, to reach deep parser states. */
const tricky = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '9',
    'é',
    '用',
    '.',
    '@',
    '"',
    '\\',
    '(',
    ')',
    '<',
    '>',
    '[',
    ']',
    ',',
    ';',
    ':',
    ' ',
    '\t',
    '\r\n ',
    '\n',
    '\r',
    '\u0000',
    '=?UTF-8?Q?',
    '=?utf-8?B?',
    '?=',
    'IPv6:',
    '1.2.3.4',
    '::1',
    '-',
    'x.com',
    'xn--',
    '\ud800',
  ),
  maxLength: 30,
});
/** Valid address lists with a few random edits: mostly still parseable, but through unusual paths. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat(2),
  insert: fc.constantFrom(
    '',
    ' ',
    '.',
    '@',
    '"',
    '\\',
    '(c)',
    '(',
    ')',
    '<',
    '>',
    ',',
    ':',
    ';',
    '[',
    ']',
    '\r\n ',
    'é',
    '=?UTF-8?Q?=C3=A9?=',
  ),
});
const edited = fc.tuple(addressList, fc.array(edit, { maxLength: 3 })).map(([items, edits]) =>
  edits.reduce(
    (text, { at, remove, insert }) => {
      const i = Math.floor(at * text.length);
      return text.slice(0, i) + insert + text.slice(i + remove);
    },
    items.map((item) => item.written).join(', '),
  ),
);

const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: char(0, 0xffff) }), // includes lone surrogates
  tricky,
  edited,
);

function checkResult(result: ParseResult<unknown>, input: string): void {
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(result.error.message).not.toMatch(/^Internal/);
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(Number.isInteger(result.error.position)).toBe(true);
    expect(result.error.position).toBeGreaterThanOrEqual(0);
    expect(result.error.position).toBeLessThanOrEqual(input.length);
  }
}

describe('property: arbitrary input never throws', () => {
  it('returns a result object from every parser', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        checkResult(parseAddressList(input), input);
        checkResult(parseMailbox(input), input);
        checkResult(parseAddress(input), input);
        checkResult(parsePath(input), input);
        expect(typeof addressKey(input)).toBe('string');
        expect(typeof isValidLocalPart(input)).toBe('boolean');
        expect(typeof isValidDomain(input)).toBe('boolean');
        expect(normaliseDomain(input) === null || typeof normaliseDomain(input) === 'string').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('re-parses whatever it accepted to the same structure', () => {
    fc.assert(
      fc.property(edited, (input) => {
        const result = parseAddressList(input);
        if (!result.ok) return;
        reparses(result.value);
        const mailboxes = result.value.flatMap((item): Mailbox[] =>
          item.kind === 'group' ? [...item.members] : [item],
        );
        for (const m of mailboxes) expect(parseAddress(m.address).ok).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('property: toLocalPartAtom', () => {
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: char(0, 0x17f) }),
  );

  it('yields "" or a valid ASCII dot-atom of at most 64 octets', () => {
    fc.assert(
      fc.property(text, (input) => {
        const atom = toLocalPartAtom(input);
        if (atom === '') return;
        expect(isValidLocalPart(atom)).toBe(true);
        expect(octets(atom)).toBeLessThanOrEqual(64);
        expect(atom).toMatch(/^[\x21-\x7e]+$/);
        expect(parseAddress(`${atom}@example.com`)).toMatchObject({ ok: true, value: { localPart: atom } });
      }),
      { numRuns: 1000 },
    );
  });

  it('yields "" or a valid local part with allowUnicode', () => {
    fc.assert(
      fc.property(text, (input) => {
        const atom = toLocalPartAtom(input, { allowUnicode: true });
        if (atom !== '') expect(isValidLocalPart(atom) && octets(atom) <= 64).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
