import { describe, expect, it } from 'vitest';
import { tokenize, type Token } from './address-tokenizer';

function tokens(input: string, mode: 'header' | 'smtp' = 'header'): Array<Pick<Token, 'kind' | 'value'>> {
  const result = tokenize(input, mode);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.map(({ kind, value }) => ({ kind, value }));
}

function errorOf(input: string, mode: 'header' | 'smtp' = 'header'): { message: string; position: number } {
  const result = tokenize(input, mode);
  if (result.ok) throw new Error(`expected a lexical error for ${input}`);
  return result.error;
}

describe('tokenize (header mode)', () => {
  it('splits atoms, specials and ends with an end token', () => {
    expect(tokens('john.doe@example.com')).toEqual([
      { kind: 'atom', value: 'john' },
      { kind: 'special', value: '.' },
      { kind: 'atom', value: 'doe' },
      { kind: 'special', value: '@' },
      { kind: 'atom', value: 'example' },
      { kind: 'special', value: '.' },
      { kind: 'atom', value: 'com' },
      { kind: 'end', value: '' },
    ]);
  });

  it('unescapes quoted-pairs in quoted strings', () => {
    expect(tokens('"a\\"b\\\\c d"')[0]).toEqual({ kind: 'quoted', value: 'a"b\\c d' });
  });

  it('skips nested comments and marks the following token as spaced', () => {
    const result = tokenize('a(x (y) \\) z)b', 'header');
    expect(result.ok && result.value.map((t) => [t.value, t.spaceBefore])).toEqual([
      ['a', false],
      ['b', true],
      ['', false],
    ]);
  });

  it('unfolds FWS: CRLF + WSP between tokens and inside quoted strings', () => {
    expect(tokens('"a\r\n b"\r\n\tc')).toEqual([
      { kind: 'quoted', value: 'a b' },
      { kind: 'atom', value: 'c' },
      { kind: 'end', value: '' },
    ]);
  });

  it('accepts UTF-8 in atoms (RFC 6532)', () => {
    expect(tokens('用户')[0]).toEqual({ kind: 'atom', value: '用户' });
  });

  it('reads domain literals without brackets or white space', () => {
    expect(tokens('[ 1.2.3.4 ]')[0]).toEqual({ kind: 'literal', value: '1.2.3.4' });
  });

  it.each([
    ['"abc', 'Unterminated quoted string', 0],
    ['a(b', 'Unterminated comment', 1],
    ['a)b', "Unbalanced ')'", 1],
    ['[1.2.3.4', 'Unterminated domain literal', 0],
    ['a]', "Unbalanced ']'", 1],
    ['a\\b', "Unexpected '\\'", 1],
    ['a\u0000b', 'Control character U+0000', 1],
    ['a\u0085b', 'Control character U+0085', 1],
    ['a\rb', 'Control character U+000D', 1],
    ['a\r\nb', 'Line break not followed by white space', 1],
    ['"a\\', "Dangling '\\'", 2],
    ['a\ud800', 'lone surrogate', 1],
  ])('rejects %j', (input, message, position) => {
    const error = errorOf(input);
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
  });
});

describe('tokenize (smtp mode)', () => {
  it('rejects white space and comments outside quotes', () => {
    expect(errorOf('a b@c', 'smtp').message).toContain('not allowed in an SMTP address');
    expect(errorOf('a(c)@d', 'smtp').message).toContain('not allowed in an SMTP address');
  });

  it('keeps spaces inside quoted strings but rejects folding', () => {
    expect(tokens('"a b"', 'smtp')[0]).toEqual({ kind: 'quoted', value: 'a b' });
    expect(errorOf('"a\r\n b"', 'smtp').message).toContain('Control character');
  });
});
