import type { DnsResolver } from '@estafette/transport';

/** mailauth's resolver signature: a record set by name and type, node:dns style errors (ENOTFOUND, ENODATA). */
export type MailauthResolver = (name: string, rrtype: string) => Promise<unknown>;

/** A look-up that has not answered by then counts as a temporary DNS error (SPF temperror, RFC 7208 §2.6.6). */
export const LOOKUP_TIMEOUT_MS = 5000;

function timedOut(name: string, rrtype: string): Error {
  return Object.assign(new Error(`${rrtype} look-up of ${name} timed out`), { code: 'ETIMEOUT' });
}

function noData(name: string, rrtype: string): Error {
  return Object.assign(new Error(`${rrtype} lookups are not made for ${name}`), { code: 'ENODATA' });
}

/**
 * mailauth's look-ups through the server's DNS_RESOLVER (the transport's, injectable so that tests
 * answer with fixed records). PTR serves SPF's ptr mechanism (RFC 7208 §5.5): mailauth looks up the
 * client's reverse name, then checks each name's A/AAAA records lead back to the client.
 */
export function mailauthResolver(dns: DnsResolver, timeoutMs = LOOKUP_TIMEOUT_MS): MailauthResolver {
  return (name, rrtype) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(timedOut(name, rrtype)), timeoutMs);
    });
    return Promise.race([lookup(dns, name, rrtype), deadline]).finally(() => clearTimeout(timer));
  };
}

async function lookup(dns: DnsResolver, name: string, rrtype: string): Promise<unknown> {
  switch (rrtype.toUpperCase()) {
    case 'TXT':
      return dns.resolveTxt(name);
    case 'MX':
      return dns.resolveMx(name);
    case 'A':
      return dns.resolve4(name);
    case 'AAAA':
      return dns.resolve6(name);
    case 'PTR':
      return dns.resolvePtr(name);
    default:
      throw noData(name, rrtype);
  }
}
