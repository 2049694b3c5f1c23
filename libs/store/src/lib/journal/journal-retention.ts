/** How long change journal rows are kept (days); older ones are pruned by the store's maintenance pass. */
export const JOURNAL_RETENTION_DAYS = Symbol('JOURNAL_RETENTION_DAYS');

/** The default: a month, long enough for a laptop back from holidays to resynchronise with QRESYNC. */
export const DEFAULT_JOURNAL_RETENTION_DAYS = 30;

/** ESTAFETTE_JOURNAL_RETENTION_DAYS (a whole number of days, at least 1), else the default. */
export function journalRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const text = env['ESTAFETTE_JOURNAL_RETENTION_DAYS']?.trim();
  if (!text) return DEFAULT_JOURNAL_RETENTION_DAYS;
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`ESTAFETTE_JOURNAL_RETENTION_DAYS must be a whole number of days (1 or more), not "${text}"`);
  return days;
}
