import { parseMailbox } from './address-parser';
import { formatLocalPart } from './local-part';
import type { Mailbox } from './mailbox.model';
import { parsePath } from './smtp-path-parser';

/**
 * Uniqueness key for an SMTP address: canonical local part and ASCII domain, lower-cased and NFC-normalised.
 * RFC 5321 §2.4 lets a local part be case-sensitive, but Exchange (and this server) resolves SMTP proxy
 * addresses case-insensitively, so the whole key is lower-cased. Accepts `a@b`, `<a@b>` or `Name <a@b>`;
 * unparseable input falls back to its trimmed, lower-cased text so the function never throws.
 */
export function addressKey(address: string): string {
  if (typeof address !== 'string') return '';
  const text = address.trim();
  const mailbox = findMailbox(text);
  const key = mailbox ? `${formatLocalPart(mailbox.localPart)}@${mailbox.domainAscii}` : text;
  return key.toLowerCase().normalize('NFC');
}

function findMailbox(text: string): Mailbox | null {
  const path = parsePath(text);
  if (path.ok) return path.value;
  const header = parseMailbox(text);
  return header.ok ? header.value : null;
}
