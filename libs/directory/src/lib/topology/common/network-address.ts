import { isIP } from 'node:net';

/**
 * An IPv4 or IPv6 address in plain textual form. Zone ids (`fe80::1%eth0`) are
 * refused: they mean nothing to another host and do not survive a restart.
 * IPv4 with leading zeros is refused by Node already (octal ambiguity).
 */
export function isIpAddress(value: string): boolean {
  return !value.includes('%') && isIP(value) !== 0;
}

/** One spelling per address, so that `::1` and `0:0::1` compare equal (WHATWG URL serialises IPv6 canonically). */
export function canonicalIpAddress(value: string): string {
  if (isIP(value) !== 6) return value;
  return new URL(`http://[${value}]/`).hostname.slice(1, -1);
}

/** An address (`192.0.2.7`) or a network in CIDR notation (`192.0.2.0/24`, `2001:db8::/32`). */
export function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  if (!isIpAddress(address)) return false;
  if (slash < 0) return true;
  const prefix = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (isIP(address) === 4 ? 32 : 128);
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`, 'i');

/** A DNS host or domain name (RFC 1123 labels, 253 characters at most, no trailing dot). */
export function isDomainName(value: string): boolean {
  return value.length <= 253 && DOMAIN.test(value);
}
