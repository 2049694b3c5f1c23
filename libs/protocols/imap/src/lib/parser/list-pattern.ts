/**
 * LIST/LSUB pattern matching (RFC 3501 §6.3.8): "*" matches any characters including the hierarchy
 * delimiter, "%" any characters except it. The pattern is read after the reference: the two are
 * concatenated, so a reference ends with the delimiter ("Projects/" + "%") as clients send it. INBOX is
 * case-insensitive (RFC 3501 §5.1), so "inbox" and "InBoX/%" match it; other names are case-sensitive.
 * Pure, so the store-backed backend can use it on names or translate it to SQL LIKE with the same rules.
 */
export function listPatternMatcher(reference: string, pattern: string, delimiter = '/'): (name: string) => boolean {
  const full = reference + pattern;
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  let source = '';
  for (const c of full) {
    source += c === '*' ? '.*' : c === '%' ? `[^${escape(delimiter)}]*` : escape(c);
  }
  const exact = new RegExp(`^${source}$`, 's');
  // "INBOX" in any case at the start of the pattern also matches the canonical upper-case name.
  const inbox = /^inbox(?=$|[%*]|\/)/i.test(full) ? new RegExp(`^${`INBOX${source.slice(5)}`}$`, 's') : null;
  return (name) => exact.test(name) || (inbox?.test(name) ?? false);
}
