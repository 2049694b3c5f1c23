import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_INTERVALS_MS, nextAttemptAt, parseRetryIntervals, retryDelayMs } from './retry-schedule';

const MIN = 60_000;

describe('retry schedule', () => {
  it('follows Exchange defaults: 15, 30, 60, then 240 minutes for ever', () => {
    expect([1, 2, 3, 4, 5, 20].map((n) => retryDelayMs(n) / MIN)).toEqual([15, 30, 60, 240, 240, 240]);
    expect(DEFAULT_RETRY_INTERVALS_MS).toHaveLength(4);
  });

  it('uses configured intervals', () => {
    expect([1, 2, 3].map((n) => retryDelayMs(n, [1000, 2000]))).toEqual([1000, 2000, 2000]);
    expect(() => retryDelayMs(1, [])).toThrow();
  });

  it('never schedules past the expiry', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const expires = new Date('2026-11-28T00:10:00Z');
    expect(nextAttemptAt(now, 1, expires).toISOString()).toBe('2026-11-28T00:10:00.000Z');
    expect(nextAttemptAt(now, 1, new Date('2026-11-29T00:00:00Z')).toISOString()).toBe('2026-11-28T00:15:00.000Z');
    // Already expired: now, so that the bounce goes out at once.
    expect(nextAttemptAt(now, 1, new Date('2026-11-27T00:00:00Z')).toISOString()).toBe(now.toISOString());
  });

  it('parses minute lists', () => {
    expect(parseRetryIntervals('15,30, 60,240')).toEqual([15 * MIN, 30 * MIN, 60 * MIN, 240 * MIN]);
    expect(parseRetryIntervals('0.05')).toEqual([3000]);
    expect(parseRetryIntervals('a,b')).toBeUndefined();
    expect(parseRetryIntervals('0')).toBeUndefined();
  });
});
