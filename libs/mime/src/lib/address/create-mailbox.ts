import { formatAddress } from './address-formatter';
import type { MailboxParts, MailboxResult } from './mailbox.model';
import { parseAddress } from './smtp-path-parser';

/**
 * Builds a validated Mailbox from parts, e.g. a recipient-policy template result:
 * `createMailbox({ localPart: toLocalPartAtom('Zoë.Martin'), domain: 'example.com' })`.
 */
export function createMailbox(parts: MailboxParts): MailboxResult {
  if (typeof parts?.localPart !== 'string' || typeof parts.domain !== 'string') {
    return { ok: false, error: { message: 'localPart and domain must be strings', position: 0 } };
  }
  const parsed = parseAddress(formatAddress(parts));
  if (!parsed.ok || !parts.displayName) return parsed;
  return { ok: true, value: { ...parsed.value, displayName: parts.displayName } };
}
