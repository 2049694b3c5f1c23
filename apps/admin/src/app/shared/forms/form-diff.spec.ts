import { describe, expect, it } from 'vitest';
import { changes, numberOrNull, sameValue } from './form-diff';

describe('form diffs', () => {
  it('compares values deeply, ignoring key order, with undefined as null', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: undefined }, { a: null })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(Number.NaN, 5)).toBe(false);
    expect(sameValue(null, 0)).toBe(false);
  });

  it('keeps only what changed, so a PATCH touches nothing else', () => {
    const original = { name: 'A', size: 10, relay: { allow: true, from: [] as string[] } };
    expect(changes(original, { name: 'A', size: 11, relay: { from: [], allow: true } })).toEqual({ size: 11 });
  });

  it('reads number inputs: empty is null, garbage stays NaN for the API to reject', () => {
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull(null)).toBeNull();
    expect(numberOrNull(42)).toBe(42);
    expect(numberOrNull('7')).toBe(7);
    expect(numberOrNull('x')).toBeNaN();
  });
});
