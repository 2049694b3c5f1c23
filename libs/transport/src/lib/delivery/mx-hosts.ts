import { isIP } from 'node:net';
import type { DnsResolver } from './dns-resolver';
import { isNameError, isNoData } from './dns-resolver';

/** A host to try, in order: its name (TLS SNI) and one of its addresses. */
export interface DeliveryTarget {
  host: string;
  address: string;
  port: number;
}

export class DnsFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status: string,
  ) {
    super(message);
  }
}

/** Addresses of a host: A records first, then AAAA (either may be missing). */
export async function hostAddresses(dns: DnsResolver, host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  const results = await Promise.allSettled([dns.resolve4(host), dns.resolve6(host)]);
  const out: string[] = [];
  for (const r of results) if (r.status === 'fulfilled') out.push(...r.value);
  if (out.length > 0) return out;
  const nameError = results.every((r) => r.status === 'rejected' && (isNameError(r.reason) || isNoData(r.reason)));
  if (nameError) throw new DnsFailure(`${host} has no address (A/AAAA) records`, false, '4.4.3');
  const first = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  throw new DnsFailure(
    `cannot resolve ${host}: ${(first?.reason as Error | undefined)?.message ?? 'unknown error'}`,
    false,
    '4.4.3',
  );
}

/**
 * The hosts to deliver mail for a domain to (RFC 5321 §5.1): its MX records by preference (equal
 * preferences shuffled to spread the load), each host's A then AAAA addresses; a domain without MX
 * records is its own mail host (implicit MX). A domain that does not exist, or publishes a null MX
 * (RFC 7505), fails permanently; other DNS trouble is temporary.
 */
export async function mxTargets(
  dns: DnsResolver,
  domain: string,
  port: number,
  random: () => number = Math.random,
): Promise<DeliveryTarget[]> {
  let records: Array<{ exchange: string; priority: number }>;
  try {
    records = await dns.resolveMx(domain);
  } catch (error) {
    if (isNameError(error)) throw new DnsFailure(`the domain ${domain} does not exist`, true, '5.1.2');
    if (!isNoData(error))
      throw new DnsFailure(`MX lookup for ${domain} failed: ${(error as Error).message}`, false, '4.4.3');
    records = [];
  }
  if (records.length === 1 && (records[0].exchange === '' || records[0].exchange === '.'))
    throw new DnsFailure(`${domain} accepts no mail (null MX)`, true, '5.1.10');
  const hosts =
    records.length === 0
      ? [domain]
      : records
          .map((r) => ({ ...r, tie: random() }))
          .sort((a, b) => a.priority - b.priority || a.tie - b.tie)
          .map((r) => r.exchange.replace(/\.$/, ''));
  const targets: DeliveryTarget[] = [];
  let lastError: DnsFailure | null = null;
  for (const host of hosts) {
    try {
      for (const address of await hostAddresses(dns, host)) targets.push({ host, address, port });
    } catch (error) {
      lastError = error instanceof DnsFailure ? error : new DnsFailure(String(error), false, '4.4.3');
    }
  }
  if (targets.length === 0) throw lastError ?? new DnsFailure(`no mail host found for ${domain}`, false, '4.4.3');
  return targets;
}
