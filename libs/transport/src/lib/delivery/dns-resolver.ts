import { lookup, Resolver } from 'node:dns/promises';
import { DnsAnswerCache } from './dns-answer-cache';

/**
 * DNS as mail routing uses it, injectable so that tests resolve without the internet (the SMTP
 * listener's SPF/DKIM/DMARC checks can share it: it includes TXT). Node's `dns/promises` Resolver
 * satisfies the record look-ups; `lookupHost` is the system resolver (hosts file included), used
 * for the names of this organisation's servers and smart hosts.
 */
export interface DnsResolver {
  resolveMx(domain: string): Promise<Array<{ exchange: string; priority: number }>>;
  resolve4(host: string): Promise<string[]>;
  resolve6(host: string): Promise<string[]>;
  resolveTxt(name: string): Promise<string[][]>;
  /** Names of a reverse-lookup name (`7.2.0.192.in-addr.arpa`): SPF's ptr mechanism (RFC 7208 §5.5). */
  resolvePtr(name: string): Promise<string[]>;
  lookupHost(host: string): Promise<string[]>;
}

export const DNS_RESOLVER = Symbol('DNS_RESOLVER');

/** Answers of the system's DNS are kept this long (a changed record shows within a minute). */
export const DNS_CACHE_MS = 60_000;

/** The system's DNS, with a short cache of its answers (see DnsAnswerCache). */
export class SystemDnsResolver implements DnsResolver {
  private readonly resolver = new Resolver({ timeout: 10_000, tries: 2 });
  private readonly cache = new DnsAnswerCache({
    positiveMs: DNS_CACHE_MS,
    negativeMs: DNS_CACHE_MS,
    maxEntries: 10_000,
  });

  resolveMx(domain: string) {
    return this.cache.get(`MX ${domain.toLowerCase()}`, () => this.resolver.resolveMx(domain));
  }
  resolve4(host: string) {
    return this.cache.get(`A ${host.toLowerCase()}`, () => this.resolver.resolve4(host));
  }
  resolve6(host: string) {
    return this.cache.get(`AAAA ${host.toLowerCase()}`, () => this.resolver.resolve6(host));
  }
  resolveTxt(name: string) {
    return this.cache.get(`TXT ${name.toLowerCase()}`, () => this.resolver.resolveTxt(name));
  }
  resolvePtr(name: string) {
    return this.cache.get(`PTR ${name.toLowerCase()}`, () => this.resolver.resolvePtr(name));
  }
  async lookupHost(host: string): Promise<string[]> {
    return (await lookup(host, { all: true })).map((a) => a.address);
  }
}

/** DNS error codes (node:dns) that mean the name does not exist or has no such record: permanent. */
export function isNameError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ENOTFOUND' || code === 'NXDOMAIN';
}

export function isNoData(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'ENODATA';
}
