import { describe, expect, it } from 'vitest';
import { storeLimitProblems } from './store-limits';

describe('store limits', () => {
  it('accepts escalating limits, equal limits and unset limits', () => {
    expect(storeLimitProblems({ issueWarningKb: 100, prohibitSendKb: 200, prohibitSendReceiveKb: 300 })).toEqual([]);
    expect(storeLimitProblems({ issueWarningKb: 200, prohibitSendKb: 200, prohibitSendReceiveKb: 200 })).toEqual([]);
    expect(storeLimitProblems({ issueWarningKb: null, prohibitSendKb: null, prohibitSendReceiveKb: null })).toEqual([]);
    expect(storeLimitProblems({ issueWarningKb: 100, prohibitSendKb: null, prohibitSendReceiveKb: 300 })).toEqual([]);
  });

  it('names the limit that is out of order', () => {
    expect(
      storeLimitProblems({ issueWarningKb: 300, prohibitSendKb: 200, prohibitSendReceiveKb: null }).map((p) => p.field),
    ).toEqual(['issueWarningKb']);
    // Unset middle limit: the outer two are still compared.
    expect(
      storeLimitProblems({ issueWarningKb: 500, prohibitSendKb: null, prohibitSendReceiveKb: 300 })[0].message,
    ).toMatch(/issueWarningKb \(500 KB\) must not exceed prohibitSendReceiveKb \(300 KB\)/);
  });
});
