import { describe, expect, it } from 'vitest';
import { isQueueId, newQueueId } from './queue-id';

describe('queue ids', () => {
  it('are 14 printable characters that sort by time', () => {
    const a = newQueueId(new Date('2026-11-28T12:00:00.000Z'));
    const b = newQueueId(new Date('2026-11-28T12:00:00.001Z'));
    expect(a).toMatch(/^[0-9A-Z]{14}$/);
    expect(isQueueId(a)).toBe(true);
    expect(a < b).toBe(true);
  });

  it('differ within one millisecond', () => {
    const now = new Date();
    const ids = new Set(Array.from({ length: 1000 }, () => newQueueId(now)));
    expect(ids.size).toBeGreaterThan(990);
  });

  it('use no ambiguous letters', () => {
    expect(newQueueId(new Date(0), () => 31)).toBe('000000000ZZZZZ');
    expect(isQueueId('000000000IIIII')).toBe(false);
    expect(isQueueId('short')).toBe(false);
  });
});
