/**
 * RFC 4314 §4: which right a flag needs. \Seen is kept with "s", \Deleted with "t", every other flag and
 * keyword with "w".
 */
export function rightForFlag(flag: string): 's' | 't' | 'w' {
  const lower = flag.toLowerCase();
  if (lower === '\\seen') return 's';
  if (lower === '\\deleted') return 't';
  return 'w';
}

/** The flags among `flags` that a user with `rights` may set (APPEND and COPY drop the others silently). */
export function permittedFlags(flags: readonly string[], rights: string): string[] {
  return flags.filter((f) => rights.includes(rightForFlag(f)));
}
