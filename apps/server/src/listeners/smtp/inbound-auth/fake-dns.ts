import type { DnsResolver } from '@estafette/transport';

function notFound(name: string): Error {
  return Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
}

/** Fixed DNS answers for tests: TXT, A and PTR records by name; everything else does not exist. */
export class FakeDns implements DnsResolver {
  readonly txt = new Map<string, string[]>();
  readonly a = new Map<string, string[]>();
  /** By reverse name (`7.2.0.192.in-addr.arpa`). */
  readonly ptr = new Map<string, string[]>();

  async resolveTxt(name: string): Promise<string[][]> {
    const records = this.txt.get(name.toLowerCase());
    if (!records) throw notFound(name);
    return records.map((r) => [r]);
  }
  async resolveMx(name: string): Promise<Array<{ exchange: string; priority: number }>> {
    throw notFound(name);
  }
  async resolve4(name: string): Promise<string[]> {
    const records = this.a.get(name.toLowerCase());
    if (!records) throw notFound(name);
    return records;
  }
  async resolve6(name: string): Promise<string[]> {
    throw notFound(name);
  }
  async resolvePtr(name: string): Promise<string[]> {
    const records = this.ptr.get(name.toLowerCase());
    if (!records) throw notFound(name);
    return records;
  }
  async lookupHost(name: string): Promise<string[]> {
    return this.resolve4(name);
  }
}
