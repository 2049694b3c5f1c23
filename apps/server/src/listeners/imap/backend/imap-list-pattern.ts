import { canonicalName } from './imap-mailbox.resolver';

/**
 * LIST patterns (RFC 3501 §6.3.8): the reference and the pattern are joined into one canonical pattern in
 * which "*" matches anything and "%" anything but the hierarchy delimiter. Mailbox names are canonical
 * (INBOX upper-case), so a pattern starting with any spelling of INBOX is made canonical too.
 */
export function listPattern(reference: string, pattern: string, delimiter: string): RegExp {
  const joined =
    reference === '' || pattern.startsWith(delimiter) || reference.endsWith(delimiter)
      ? reference + pattern
      : reference + delimiter + pattern;
  let source = '';
  for (const char of canonicalName(joined)) {
    if (char === '*') source += '.*';
    else if (char === '%') source += `[^${escape(delimiter)}]*`;
    else source += escape(char);
  }
  return new RegExp(`^${source}$`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
