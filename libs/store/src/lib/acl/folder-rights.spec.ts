import { describe, expect, it } from 'vitest';
import { applyRightsChange, InvalidRightsError, normaliseRights, unionRights } from './folder-rights';

describe('folder rights (RFC 4314)', () => {
  it('keeps rights canonical: known letters in order, duplicates folded', () => {
    expect(normaliseRights('rlrw')).toBe('lrw');
    expect(normaliseRights('aetxkpiwsrl')).toBe('lrswipkxtea');
  });

  it('expands the obsolete c and d letters (RFC 4314 §2.1.1)', () => {
    expect(normaliseRights('lrc')).toBe('lrkx');
    expect(normaliseRights('d')).toBe('xte');
  });

  it('refuses unknown letters', () => {
    expect(() => normaliseRights('lrz')).toThrow(InvalidRightsError);
  });

  it('applies +, - and replacement changes', () => {
    expect(applyRightsChange('lr', '+sw')).toBe('lrsw');
    expect(applyRightsChange('lrsw', '-wr')).toBe('ls');
    expect(applyRightsChange('lrsw', 'li')).toBe('li');
    expect(applyRightsChange('lrsw', '-d')).toBe('lrsw');
  });

  it('unites grants', () => {
    expect(unionRights('lr', 'rsw', '')).toBe('lrsw');
  });
});
