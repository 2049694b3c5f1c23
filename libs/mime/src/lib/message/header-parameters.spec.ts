import { describe, expect, it } from 'vitest';
import { decodeUnstructured } from './encoded-text';
import { parameterMap, parseParameterized } from './header-parameters';

describe('parameterized header values', () => {
  it('reads the value, quoted parameters, comments and stray semicolons', () => {
    expect(parseParameterized('Text/HTML (comment); charset="utf-8" ;; format=flowed; junk')).toEqual({
      value: 'text/html',
      params: [
        ['charset', 'utf-8'],
        ['format', 'flowed'],
      ],
    });
    expect(parseParameterized('attachment; filename="a \\"quoted\\" name.txt"').params).toEqual([
      ['filename', 'a "quoted" name.txt'],
    ]);
    expect(parseParameterized('')).toEqual({ value: '', params: [] });
  });

  it('joins RFC 2231 continuations and decodes extended values; the extended form wins', () => {
    const map = parameterMap([
      ['filename', 'fallback.pdf'],
      ['filename*', "utf-8''%C3%A9t%C3%A9.pdf"],
      ['title*1*', '%2A%2A%2Afun%2A%2A%2A%20'],
      ['title*0*', "us-ascii'en'This%20is%20even%20more%20"],
      ['title*2', "isn't it!"],
      ['Boundary', 'XyZ'],
    ]);
    expect(map.get('filename')).toBe('été.pdf');
    expect(map.get('title')).toBe("This is even more ***fun*** isn't it!");
    expect(map.get('boundary')).toBe('XyZ');
  });

  it('decodes encoded-words in unstructured text and leaves malformed ones alone', () => {
    expect(decodeUnstructured('=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=')).toBe('ab');
    expect(decodeUnstructured('=?ISO-8859-1?Q?a?= b =?ISO-8859-1?Q?c?=')).toBe('a b c');
    expect(decodeUnstructured('=?UTF-8?B?4oKs?=100')).toBe('€100');
    expect(decodeUnstructured('=?broken')).toBe('=?broken');
    expect(decodeUnstructured('plain')).toBe('plain');
  });
});
