import { describe, expect, it } from 'vitest';
import { COALESCED_READ_MAX_KEYS, ReadCoalescer } from './read-coalescer';

/** A store of squares that records the reads it serves and fails on negative keys. */
function squares() {
  const calls: Array<{ kind: 'one' | 'many'; keys: number[] }> = [];
  const check = (key: number) => {
    if (key < 0) throw new Error(`bad key ${key}`);
    return key * key;
  };
  const coalescer = new ReadCoalescer<number, number>(
    async (key) => {
      calls.push({ kind: 'one', keys: [key] });
      return check(key);
    },
    async (keys) => {
      calls.push({ kind: 'many', keys: [...keys] });
      return keys.map(check);
    },
  );
  return { calls, coalescer };
}

describe('ReadCoalescer', () => {
  it('reads a lone key alone and keys that arrive together in one read, answers in order', async () => {
    const { calls, coalescer } = squares();
    expect(await coalescer.read(3)).toBe(9);
    expect(await Promise.all([1, 2, 3, 2].map((k) => coalescer.read(k)))).toEqual([1, 4, 9, 4]);
    expect(calls).toEqual([
      { kind: 'one', keys: [3] },
      { kind: 'many', keys: [1, 2, 3, 2] },
    ]);
  });

  it('gathers what arrives during a read for the next one, one read in flight', async () => {
    const { calls, coalescer } = squares();
    const first = Promise.all([1, 2].map((k) => coalescer.read(k)));
    await new Promise((resolve) => setImmediate(resolve));
    const second = Promise.all([3, 4, 5].map((k) => coalescer.read(k)));
    expect(await first).toEqual([1, 4]);
    expect(await second).toEqual([9, 16, 25]);
    expect(calls.map((c) => c.keys)).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('fails only the caller of a bad key when the combined read fails', async () => {
    const { calls, coalescer } = squares();
    const results = await Promise.allSettled([2, -1, 3].map((k) => coalescer.read(k)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      4,
      'bad key -1',
      9,
    ]);
    expect(calls.map((c) => c.kind)).toEqual(['many', 'one', 'one', 'one']);
    expect(await coalescer.read(5)).toBe(25);
  });

  it('splits a burst larger than the limit into reads of at most the limit', async () => {
    const { calls, coalescer } = squares();
    const keys = Array.from({ length: COALESCED_READ_MAX_KEYS + 10 }, (_, i) => i);
    expect(await Promise.all(keys.map((k) => coalescer.read(k)))).toEqual(keys.map((k) => k * k));
    expect(calls.map((c) => c.keys.length)).toEqual([COALESCED_READ_MAX_KEYS, 10]);
  });
});
