import { describe, expect, it } from 'vitest';
import { parseFlag, parseFlagList } from './flag-args';

const atom = (value: string) => ({ kind: 'atom', value }) as const;

describe('flag arguments (RFC 3501 §9 flag, flag-list)', () => {
  it('writes system flags canonically and keeps keywords', () => {
    expect(parseFlag(atom('\\SEEN'))).toBe('\\Seen');
    expect(parseFlag(atom('$Forwarded'))).toBe('$Forwarded');
    expect(parseFlagList([atom('\\seen'), atom('\\Seen'), atom('Work')])).toEqual(['\\Seen', 'Work']);
  });

  it('refuses \\Recent, \\*, unknown system flags, strings and atom-specials', () => {
    for (const bad of ['\\Recent', '\\*', '\\Important', 'a]b', 'caf\u00e9']) {
      expect(() => parseFlag(atom(bad)), bad).toThrow();
    }
    expect(() => parseFlag({ kind: 'string', value: Buffer.from('x'), form: 'quoted' })).toThrow('Expected a flag');
  });
});
