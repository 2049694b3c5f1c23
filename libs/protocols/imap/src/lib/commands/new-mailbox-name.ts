import { no, type CommandResult } from './imap-command';

/**
 * Names CREATE and RENAME may give a new mailbox. "%" and "*" would make LIST patterns match names
 * they do not describe (RFC 3501 §6.3.8 lets a server refuse them), and an empty level ("a//b", "/a")
 * is not a hierarchy name. A trailing delimiter has been stripped already (§6.3.3).
 */
export function refuseNewName(name: string): CommandResult | null {
  if (name === '') return no('Empty mailbox name', 'CANNOT');
  if (/[%*]/.test(name)) return no('Mailbox names cannot contain "%" or "*"', 'CANNOT');
  if (name.startsWith('/') || name.includes('//')) return no('Empty level in mailbox name', 'CANNOT');
  return null;
}
