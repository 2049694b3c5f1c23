/** RFC 3501 §2.3.2 system flags, in their canonical spelling. */
const SYSTEM_FLAGS = ['\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft'];
const BY_LOWER = new Map(SYSTEM_FLAGS.map((f) => [f.toLowerCase(), f]));

/**
 * Flags as the store keeps them: system flags in canonical case (IMAP compares flags case-insensitively),
 * keywords as given, no duplicates. \Recent is a session property (RFC 3501) and never stored.
 */
export function normaliseFlags(flags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of flags) {
    const flag = BY_LOWER.get(raw.toLowerCase()) ?? raw;
    if (flag.toLowerCase() === '\\recent' || flag === '' || seen.has(flag.toLowerCase())) continue;
    seen.add(flag.toLowerCase());
    out.push(flag);
  }
  return out;
}
