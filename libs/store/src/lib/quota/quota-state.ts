/** Storage limits in KB, as the directory keeps them; null means "no limit" (the box unticked in ESM). */
export interface StorageLimits {
  issueWarningKb: number | null;
  prohibitSendKb: number | null;
  prohibitSendReceiveKb: number | null;
}

export type QuotaState = 'ok' | 'warning' | 'prohibit-send' | 'prohibit-send-receive';

const over = (usageBytes: number, limitKb: number | null): boolean => limitKb !== null && usageBytes > limitKb * 1024;

/** The state of a mailbox of that size: the most severe limit it is over (Exchange compares the current size). */
export function quotaState(limits: StorageLimits, usageBytes: number): QuotaState {
  if (over(usageBytes, limits.prohibitSendReceiveKb)) return 'prohibit-send-receive';
  if (over(usageBytes, limits.prohibitSendKb)) return 'prohibit-send';
  if (over(usageBytes, limits.issueWarningKb)) return 'warning';
  return 'ok';
}
