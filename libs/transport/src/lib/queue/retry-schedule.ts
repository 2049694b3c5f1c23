/**
 * When to try again after a temporary failure, as the SMTP virtual server's Delivery tab set it:
 * the first, second and third retry intervals, then the subsequent one for every later attempt
 * (Exchange's defaults: 15, 30, 60 and 240 minutes).
 */
export const DEFAULT_RETRY_INTERVALS_MS: readonly number[] = [15, 30, 60, 240].map((m) => m * 60_000);

/** The wait after the `failures`-th failed attempt (1 = the first failure). */
export function retryDelayMs(failures: number, intervals: readonly number[] = DEFAULT_RETRY_INTERVALS_MS): number {
  if (intervals.length === 0) throw new Error('at least one retry interval is needed');
  const index = Math.min(Math.max(failures, 1), intervals.length) - 1;
  return intervals[index];
}

/**
 * The next attempt: after the retry interval, but never later than the expiry, so that an expired
 * message is bounced when it expires rather than at the attempt after.
 */
export function nextAttemptAt(now: Date, failures: number, expiresAt: Date, intervals?: readonly number[]): Date {
  const next = now.getTime() + retryDelayMs(failures, intervals);
  return new Date(Math.min(next, Math.max(expiresAt.getTime(), now.getTime())));
}

/** Parses "15,30,60,240" (minutes) into milliseconds; undefined when the text is not such a list. */
export function parseRetryIntervals(text: string): number[] | undefined {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return undefined;
  const values = parts.map((p) => Math.round(Number(p) * 60_000));
  return values.every((v) => v > 0) ? values : undefined;
}
