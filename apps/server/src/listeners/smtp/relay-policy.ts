import { BlockList, isIP } from 'node:net';

/** The relay restrictions of an SMTP virtual server (Exchange 2003 Access tab, §1.10). */
export interface RelayRestrictions {
  /** "Allow all computers which successfully authenticate to relay" (default on). */
  allowAuthenticatedRelay: boolean;
  /** "Only the list below": addresses and networks that may relay without authenticating. */
  relayFrom: readonly string[];
}

function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(address) === 0) continue;
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d; the list is written in IPv4. */
function plainAddress(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4)
    return { address: address.slice(7), family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/**
 * Whether a client may send to a domain this organisation is not responsible for (relay). Exchange
 * 2003's default, kept here: nobody by address, everybody who authenticated. No open relay.
 */
export function mayRelay(
  restrictions: RelayRestrictions,
  client: { address: string; authenticated: boolean },
): boolean {
  if (client.authenticated && restrictions.allowAuthenticatedRelay) return true;
  if (restrictions.relayFrom.length === 0) return false;
  const { address, family } = plainAddress(client.address);
  return isIP(address) !== 0 && blockListOf(restrictions.relayFrom).check(address, family);
}
