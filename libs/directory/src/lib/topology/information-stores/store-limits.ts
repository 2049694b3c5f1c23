import type { FieldProblem } from '../common/field-error';

export interface StoreLimits {
  issueWarningKb: number | null;
  prohibitSendKb: number | null;
  prohibitSendReceiveKb: number | null;
}

const ORDER: Array<keyof StoreLimits> = ['issueWarningKb', 'prohibitSendKb', 'prohibitSendReceiveKb'];

/**
 * The three storage limits escalate: the warning comes first, then sending
 * stops, then receiving too. A limit left unset (null) takes no part in the
 * comparison, as in ESM where each box can be unticked on its own.
 */
export function storeLimitProblems(limits: StoreLimits): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (let i = 0; i < ORDER.length; i++) {
    for (let j = i + 1; j < ORDER.length; j++) {
      const lower = limits[ORDER[i]];
      const upper = limits[ORDER[j]];
      if (lower !== null && upper !== null && lower > upper) {
        problems.push({
          field: ORDER[i],
          message: `${ORDER[i]} (${lower} KB) must not exceed ${ORDER[j]} (${upper} KB)`,
        });
      }
    }
  }
  return problems;
}
