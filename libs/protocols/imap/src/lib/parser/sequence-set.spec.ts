import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSequenceSet, parseSequenceSet, resolveSequenceNumbers, resolveUids } from './sequence-set';

describe('sequence sets', () => {
  it('parses ranges, single numbers, "*" and "$"', () => {
    expect(parseSequenceSet('1:*,5,9:7')).toEqual({
      kind: 'ranges',
      ranges: [
        { from: 1, to: '*' },
        { from: 5, to: 5 },
        { from: 9, to: 7 },
      ],
    });
    expect(parseSequenceSet('$')).toEqual({ kind: 'saved' });
  });

  it.each(['', '0', '1:', ':2', '1:2:3', 'a', '1,,2', '4294967296', '01'])('refuses "%s"', (text) => {
    expect(() => parseSequenceSet(text)).toThrow();
  });

  it('resolves sequence numbers against the message count, in any range order, without duplicates', () => {
    expect(resolveSequenceNumbers(parseSequenceSet('3:*,1,2:1,9'), 4)).toEqual([1, 2, 3, 4]);
    expect(resolveSequenceNumbers(parseSequenceSet('*'), 0)).toEqual([]);
  });

  it('resolves UIDs against the UID list; "n:*" names the last UID even when n is above it', () => {
    const uids = [3, 7, 10, 42];
    expect(resolveUids(parseSequenceSet('5:11'), uids)).toEqual([7, 10]);
    expect(resolveUids(parseSequenceSet('100:*'), uids)).toEqual([42]);
    expect(resolveUids(parseSequenceSet('1,3,43'), uids)).toEqual([3]);
  });

  it('resolves UIDs of overlapping and unordered ranges in ascending order, each once', () => {
    const uids = [3, 7, 10, 42, 50];
    expect(resolveUids(parseSequenceSet('40:*,8:45,1:3,7,9:8'), uids)).toEqual([3, 7, 10, 42, 50]);
    expect(resolveUids(parseSequenceSet('43:49,*:45,11'), uids)).toEqual([50]);
  });

  it('resolves UIDs exactly as testing every UID of the mailbox against every range would', () => {
    const naive = (text: string, uids: number[]) => {
      const set = parseSequenceSet(text);
      if (set.kind !== 'ranges') return [];
      const max = uids[uids.length - 1];
      const at = (b: number | '*') => (b === '*' ? max : b);
      return uids.filter((uid) =>
        set.ranges.some((r) => uid >= Math.min(at(r.from), at(r.to)) && uid <= Math.max(at(r.from), at(r.to))),
      );
    };
    const bound = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant('*'));
    const setText = fc
      .array(fc.tuple(bound, fc.option(bound)), { minLength: 1, maxLength: 6 })
      .map((ranges) => ranges.map(([a, b]) => (b === null ? `${a}` : `${a}:${b}`)).join(','));
    const mailbox = fc
      .uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 40 })
      .map((u) => u.sort((a, b) => a - b));
    fc.assert(
      fc.property(setText, mailbox, (text, uids) => {
        expect(resolveUids(parseSequenceSet(text), uids)).toEqual(naive(text, uids));
      }),
      { numRuns: 500 },
    );
  });

  it('formats ascending numbers compactly', () => {
    expect(formatSequenceSet([1, 2, 3, 7, 9, 10])).toBe('1:3,7,9:10');
    expect(formatSequenceSet([])).toBe('');
  });
});
