import { parsePath } from '@estafette/mime';

/**
 * The ASCII (A-label), lower-case domain of an SMTP address given as `a@b`, `<a@b>` or `<@route:a@b>`;
 * null for the null path, unparseable text or an address literal (`user@[192.0.2.1]`), which never names
 * an authoritative domain.
 */
export function addressDomain(address: string): string | null {
  const parsed = parsePath(address.trim());
  if (!parsed.ok || parsed.value === null || parsed.value.domainType !== 'name') return null;
  return parsed.value.domainAscii.toLowerCase();
}
