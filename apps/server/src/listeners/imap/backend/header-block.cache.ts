/** Bytes of header blocks kept at most (about ten thousand messages' headers). */
export const HEADER_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * The header blocks of recently fetched messages, by blob: clients ask for the same few header fields of
 * the newest messages at every check (Dovecot keeps them in its index cache file for that reason), and
 * each answer from the blob cost an open, a read and a close of the file. A blob is content-addressed and
 * never changes, so an entry never goes stale; the set is bounded by bytes, least recently used first.
 */
export class HeaderBlockCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes = HEADER_CACHE_BYTES) {}

  get size(): number {
    return this.entries.size;
  }

  get(sha256: string): Buffer | undefined {
    const block = this.entries.get(sha256);
    if (block) {
      // Map order is insertion order: re-inserting makes it the most recently used.
      this.entries.delete(sha256);
      this.entries.set(sha256, block);
    }
    return block;
  }

  /** Keeps a copy of `block` (a slice would pin the whole buffer it was read into). */
  set(sha256: string, block: Buffer): void {
    if (block.length > this.maxBytes / 64) return;
    const old = this.entries.get(sha256);
    if (old) {
      this.entries.delete(sha256);
      this.bytes -= old.length;
    }
    const copy = Buffer.from(block);
    this.entries.set(sha256, copy);
    this.bytes += copy.length;
    for (const [key, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= value.length;
    }
  }
}

/** The offset just after the blank line that ends a header (CRLF or bare LF line ends), or -1. */
export function headerEnd(data: Buffer): number {
  for (let lf = data.indexOf(0x0a); lf >= 0; lf = data.indexOf(0x0a, lf + 1)) {
    const next = data[lf + 1];
    if (next === 0x0a) return lf + 2;
    if (next === 0x0d && data[lf + 2] === 0x0a) return lf + 3;
  }
  return -1;
}
