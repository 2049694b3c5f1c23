import { describe, expect, it } from 'vitest';
import { DEFAULT_JOURNAL_RETENTION_DAYS, journalRetentionDays } from './journal-retention';

describe('journalRetentionDays', () => {
  it('reads ESTAFETTE_JOURNAL_RETENTION_DAYS, defaults to 30 and refuses nonsense', () => {
    expect(journalRetentionDays({})).toBe(DEFAULT_JOURNAL_RETENTION_DAYS);
    expect(DEFAULT_JOURNAL_RETENTION_DAYS).toBe(30);
    expect(journalRetentionDays({ ESTAFETTE_JOURNAL_RETENTION_DAYS: ' 90 ' })).toBe(90);
    for (const bad of ['0', '-3', '1.5', 'month'])
      expect(() => journalRetentionDays({ ESTAFETTE_JOURNAL_RETENTION_DAYS: bad }), bad).toThrow(/whole number/);
  });
});
