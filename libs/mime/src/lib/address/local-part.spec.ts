import { describe, expect, it } from 'vitest';
import { formatLocalPart, isValidLocalPart, localPartValueError, toLocalPartAtom } from './local-part';

describe('formatLocalPart', () => {
  it('leaves dot-atoms alone and quotes everything else', () => {
    expect(formatLocalPart('john.doe')).toBe('john.doe');
    expect(formatLocalPart('Pelé')).toBe('Pelé');
    expect(formatLocalPart('john doe')).toBe('"john doe"');
    expect(formatLocalPart('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(formatLocalPart('.a')).toBe('".a"');
    expect(formatLocalPart('')).toBe('""');
  });
});

describe('localPartValueError', () => {
  it('rejects controls and over-long values', () => {
    expect(localPartValueError('a\tb')).toContain('SMTP cannot carry');
    expect(localPartValueError('a'.repeat(65))).toContain('64 octets');
    expect(localPartValueError('a'.repeat(64))).toBeNull();
    expect(localPartValueError(`${'a'.repeat(61)} `)).toBeNull();
    expect(localPartValueError(`${'a'.repeat(62)} `)).toContain('64 octets'); // the quotes count
  });
});

describe('isValidLocalPart', () => {
  it.each(['john', 'john.doe', "o'hara", 'a+tag', 'Pelé', '用户', '"john doe"', '""', '"a\\"b"'])(
    'accepts %s',
    (text) => expect(isValidLocalPart(text)).toBe(true),
  );

  it.each(['', 'john doe', '.john', 'john.', 'a..b', 'a@b', '"unterminated', '"a"b', 'a\u0000', 'a'.repeat(65)])(
    'rejects %j',
    (text) => expect(isValidLocalPart(text)).toBe(false),
  );
});

describe('toLocalPartAtom', () => {
  it.each([
    ['Zoë', 'Zoe'],
    ['Jean-Luc.Picard', 'Jean-Luc.Picard'],
    ['Mary Ann', 'MaryAnn'],
    ["O'Brien", "O'Brien"],
    ['Søren.Kierkegaard', 'Soren.Kierkegaard'],
    ['Straße', 'Strasse'],
    ['Ærøskøbing', 'AEroskobing'],
    ['Łukasz.Żółć', 'Lukasz.Zolc'],
    ['..a...b..', 'a.b'],
    ['a . . b', 'a.b'],
    ['ﬁne', 'fine'],
    ['(x)<y>@z', 'xyz'],
    ['用户', ''],
    ['', ''],
    ['...', ''],
  ])('%j -> %j', (input, expected) => expect(toLocalPartAtom(input)).toBe(expected));

  it('keeps Unicode letters when allowed', () => {
    expect(toLocalPartAtom('Zoë 用户', { allowUnicode: true })).toBe('Zoë用户');
  });

  it('truncates to 64 octets without leaving a trailing dot or a split character', () => {
    expect(toLocalPartAtom(`${'a'.repeat(63)}.b`)).toBe('a'.repeat(63));
    const unicode = toLocalPartAtom('é'.repeat(40), { allowUnicode: true });
    expect(unicode).toBe('é'.repeat(32));
  });
});
