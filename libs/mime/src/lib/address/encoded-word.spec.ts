import { describe, expect, it } from 'vitest';
import { decodePhrase, encodePhrase, type PhraseWord } from './encoded-word';

function atoms(text: string): PhraseWord[] {
  return text.split(' ').map((word, i) => ({ kind: 'atom', text: word, spaceBefore: i > 0 }));
}

describe('decodePhrase', () => {
  it('decodes Q and B words in any case', () => {
    expect(decodePhrase(atoms('=?UTF-8?Q?Andr=C3=A9_Gide?='))).toBe('André Gide');
    expect(decodePhrase(atoms('=?utf-8?b?QW5kcsOp?='))).toBe('André');
    expect(decodePhrase(atoms('=?iso-8859-1?q?Andr=E9?='))).toBe('André');
  });

  it('drops white space between adjacent encoded-words only (RFC 2047 §6.2)', () => {
    expect(decodePhrase(atoms('=?UTF-8?Q?a?= =?UTF-8?Q?b?='))).toBe('ab');
    expect(decodePhrase(atoms('x =?UTF-8?Q?a?= y'))).toBe('x a y');
  });

  it('joins a character split across two encoded-words', () => {
    expect(decodePhrase(atoms('=?UTF-8?Q?=C3?= =?UTF-8?Q?=A9?='))).toBe('é');
  });

  it('ignores an RFC 2231 language suffix', () => {
    expect(decodePhrase(atoms('=?UTF-8*fr?Q?caf=C3=A9?='))).toBe('café');
  });

  it('leaves malformed words or unknown charsets as they are', () => {
    expect(decodePhrase(atoms('=?UTF-8?Q?bad=ZZ?='))).toBe('=?UTF-8?Q?bad=ZZ?=');
    expect(decodePhrase(atoms('=?x-unknown?Q?a?='))).toBe('=?x-unknown?Q?a?=');
    expect(decodePhrase(atoms('=?UTF-8?X?a?='))).toBe('=?UTF-8?X?a?=');
  });

  it('keeps quoted text that is not made of encoded-words', () => {
    expect(decodePhrase([{ kind: 'quoted', text: 'say =?UTF-8?Q?a?=', spaceBefore: false }])).toBe('say =?UTF-8?Q?a?=');
  });
});

describe('encodePhrase', () => {
  it('uses Q for mostly-ASCII text and B for mostly non-ASCII text', () => {
    expect(encodePhrase('André Gide')).toBe('=?UTF-8?Q?Andr=C3=A9_Gide?=');
    expect(encodePhrase('用户名')).toBe('=?UTF-8?B?55So5oi35ZCN?=');
  });

  it('keeps every encoded-word within 75 characters and round-trips', () => {
    const text = 'Ünïcödé '.repeat(30);
    const encoded = encodePhrase(text);
    for (const word of encoded.split(' ')) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodePhrase(atoms(encoded))).toBe(text);
  });

  it('round-trips a leading byte-order mark and control characters', () => {
    const text = '\uFEFFa\r\nb\u0000';
    expect(decodePhrase(atoms(encodePhrase(text)))).toBe(text);
  });
});
