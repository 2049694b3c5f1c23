import { describe, expect, it } from 'vitest';
import { aliasError, normaliseEmailAddress } from './email-address';

describe('recipient e-mail addresses', () => {
  it('normalises the domain and derives the uniqueness key', () => {
    expect(normaliseEmailAddress(' John.Smith@Example.COM ')).toEqual({
      ok: true,
      value: { address: 'John.Smith@example.com', key: 'john.smith@example.com' },
    });
    expect(normaliseEmailAddress('anna@Bücher.example')).toEqual({
      ok: true,
      value: { address: 'anna@xn--bcher-kva.example', key: 'anna@xn--bcher-kva.example' },
    });
    expect(normaliseEmailAddress('"john smith"@example.com')).toMatchObject({
      ok: true,
      value: { address: '"john smith"@example.com' },
    });
  });

  it('refuses invalid addresses and address literals', () => {
    expect(normaliseEmailAddress('no-at-sign')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a valid e-mail address/),
    });
    expect(normaliseEmailAddress('a@[192.0.2.1]')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/domain name/),
    });
  });

  it.each(['jsmith', 'j.smith', "o'brien", 'a+b', 'x'.repeat(64)])('accepts the alias %s', (alias) => {
    expect(aliasError(alias)).toBeNull();
  });

  it.each(['', 'x'.repeat(65), '.jsmith', 'j..smith', 'j smith', 'josé', '"quoted"', 'a@b'])(
    'refuses the alias %j',
    (alias) => {
      expect(aliasError(alias)).not.toBeNull();
    },
  );
});
