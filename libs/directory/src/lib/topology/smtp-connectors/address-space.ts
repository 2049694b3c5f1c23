import type { AddressSpace } from '@estafette/contracts';
import { isDomainName } from '../common/network-address';

/** `*` (every domain), `example.com` (that domain) or `*.example.com` (the domain and all its subdomains). */
export function isAddressSpacePattern(address: string): boolean {
  if (address === '*') return true;
  return isDomainName(address.startsWith('*.') ? address.slice(2) : address);
}

/** Lower case, no trailing dot: how domains are compared. */
export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * How specifically an address space matches a domain, or -1 when it does not.
 * More labels win; an exact domain beats a wildcard over the same domain; `*`
 * matches everything least specifically. So for `a.sales.example.com`:
 * `*.sales.example.com` (6) > `*.example.com` (4) > `*` (0), and for
 * `example.com` itself `example.com` (5) > `*.example.com` (4).
 */
export function matchSpecificity(space: Pick<AddressSpace, 'address'>, domain: string): number {
  const pattern = space.address.toLowerCase();
  if (pattern === '*') return 0;
  const wildcard = pattern.startsWith('*.');
  const base = wildcard ? pattern.slice(2) : pattern;
  const labels = base.split('.').length;
  if (domain === base) return labels * 2 + (wildcard ? 0 : 1);
  if (wildcard && domain.endsWith(`.${base}`)) return labels * 2;
  return -1;
}
