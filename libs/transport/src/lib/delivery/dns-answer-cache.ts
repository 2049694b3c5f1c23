/** DNS error codes (node:dns) that say the name or the record type does not exist: answers worth keeping. */
const NEGATIVE_CODES = new Set(['ENOTFOUND', 'NXDOMAIN', 'ENODATA']);

export interface DnsAnswerCacheOptions {
  /** How long an answer is kept (node:dns gives no TTL for MX or TXT: one bound for all). */
  positiveMs: number;
  /** How long "no such name" or "no such record" is kept (RFC 2308 negative caching). */
  negativeMs: number;
  /** Answers kept at most; the oldest is dropped first. */
  maxEntries: number;
}

interface Entry {
  expires: number;
  value?: unknown;
  error?: unknown;
}

/**
 * A small DNS cache in front of the resolver, as MTAs get from a local caching resolver: the SPF, DKIM and
 * DMARC checks of a busy MX ask the same few names for every message, and concurrent asks for one name
 * share one query. Temporary failures (timeouts, SERVFAIL) are never kept. Each caller gets its own copy
 * of an answer, so sorting MX records in place cannot change what the next caller sees.
 */
export class DnsAnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly options: DnsAnswerCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string, lookup: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) {
      if (hit.error !== undefined) throw hit.error;
      return structuredClone(hit.value) as T;
    }
    if (hit) this.entries.delete(key);
    let running = this.inflight.get(key) as Promise<T> | undefined;
    if (!running) {
      running = lookup().then(
        (value) => {
          this.keep(key, { value, expires: this.now() + this.options.positiveMs });
          return value;
        },
        (error: unknown) => {
          const code = (error as { code?: string } | null)?.code;
          if (code && NEGATIVE_CODES.has(code))
            this.keep(key, { error, expires: this.now() + this.options.negativeMs });
          throw error;
        },
      );
      const settled = running.finally(() => this.inflight.delete(key));
      settled.catch(() => undefined);
      this.inflight.set(key, settled);
    }
    return structuredClone(await running);
  }

  get size(): number {
    return this.entries.size;
  }

  private keep(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
