import { describe, expect, it } from 'vitest';
import { formatAddress, formatAddressList, formatDisplayName, formatGroup, formatMailbox } from './address-formatter';
import { parseAddressList } from './address-parser';

describe('formatAddress', () => {
  it('quotes the local part only when it is not a dot-atom', () => {
    expect(formatAddress({ localPart: 'john.doe', domain: 'example.com' })).toBe('john.doe@example.com');
    expect(formatAddress({ localPart: 'john doe', domain: 'example.com' })).toBe('"john doe"@example.com');
    expect(formatAddress({ localPart: 'a"b\\c', domain: 'example.com' })).toBe('"a\\"b\\\\c"@example.com');
    expect(formatAddress({ localPart: 'Pelé', domain: 'exämple.com' })).toBe('Pelé@exämple.com');
  });
});

describe('formatDisplayName', () => {
  it('writes atoms bare', () => {
    expect(formatDisplayName('Ed Jones')).toBe('Ed Jones');
  });

  it('quotes names with specials, escaping quotes and backslashes', () => {
    expect(formatDisplayName('Jones, Ed')).toBe('"Jones, Ed"');
    expect(formatDisplayName('Joe Q. Public')).toBe('"Joe Q. Public"');
    expect(formatDisplayName('say "hi" \\o/')).toBe('"say \\"hi\\" \\\\o/"');
    expect(formatDisplayName('  padded')).toBe('"  padded"');
  });

  it('encodes non-ASCII, controls and encoded-word look-alikes (RFC 2047)', () => {
    expect(formatDisplayName('André')).toBe('=?UTF-8?Q?Andr=C3=A9?=');
    expect(formatDisplayName('Tab\there')).toBe('=?UTF-8?Q?Tab=09here?=');
    expect(formatDisplayName('=?not?encoded?=')).toMatch(/^=\?UTF-8\?[QB]\?/);
  });

  it('writes raw UTF-8 with the utf8 option (RFC 6532)', () => {
    expect(formatDisplayName('André', { utf8: true })).toBe('André');
    expect(formatDisplayName('Dupont, André', { utf8: true })).toBe('"Dupont, André"');
  });
});

describe('formatMailbox / formatGroup / formatAddressList', () => {
  it('formats mailboxes with and without display names', () => {
    expect(formatMailbox({ localPart: 'a', domain: 'b.test' })).toBe('a@b.test');
    expect(formatMailbox({ localPart: 'a', domain: 'b.test', displayName: 'Display, Name' })).toBe(
      '"Display, Name" <a@b.test>',
    );
    expect(formatMailbox({ localPart: 'a', domain: 'b.test', displayName: '' })).toBe('a@b.test');
  });

  it('formats groups, including empty ones', () => {
    expect(formatGroup({ kind: 'group', name: 'Undisclosed recipients', members: [] })).toBe(
      'Undisclosed recipients:;',
    );
    expect(
      formatGroup({
        kind: 'group',
        name: 'A Group',
        members: [
          { localPart: 'c', domain: 'a.test', displayName: 'Ed Jones' },
          { localPart: 'joe', domain: 'where.test' },
        ],
      }),
    ).toBe('A Group: Ed Jones <c@a.test>, joe@where.test;');
  });

  it('round-trips the RFC 5322 examples', () => {
    const inputs = [
      'A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;',
      'Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>',
      '"Joe Q. Public" <john.q.public@example.com>, Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>',
      '"Giant; \\"Big\\" Box" <sysservices@example.net>',
      '=?UTF-8?Q?Andr=C3=A9?= <andre@example.com>, 用户@例子.广告, undisclosed-recipients:;',
    ];
    for (const input of inputs) {
      const first = parseAddressList(input);
      expect(first.ok).toBe(true);
      if (!first.ok) continue;
      const formatted = formatAddressList(first.value);
      expect(parseAddressList(formatted)).toEqual(first);
      expect(parseAddressList(formatAddressList(first.value, { utf8: true }))).toEqual(first);
    }
  });

  it('writes the canonical form', () => {
    const parsed = parseAddressList('Who? <one@y.test>, "Giant; \\"Big\\" Box" <sysservices@example.net>');
    expect(parsed.ok && formatAddressList(parsed.value)).toBe(
      'Who? <one@y.test>, "Giant; \\"Big\\" Box" <sysservices@example.net>',
    );
  });
});
