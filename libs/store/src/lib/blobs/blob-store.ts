import type { Readable } from 'node:stream';

/** A stored raw message: content-addressed by the SHA-256 of its bytes. */
export interface BlobRef {
  sha256: string;
  size: number;
}

/**
 * Raw RFC 5322 messages, content-addressed. A namespace is 'queue' for mail in
 * transit or `store-<informationStoreId>` for a mailbox or public store, so a
 * message is kept once per information store (single-instance storage).
 * Implementations write to a temporary file, fsync it, rename it into place and
 * fsync the directory before `put` resolves: a blob that `put` returned survives
 * a crash. Reference counting lives in the database (libs/store), not here.
 */
/** What garbage collection needs to know of a stored blob. */
export interface BlobStat {
  size: number;
  /** Last change of the blob's metadata (a new link counts): orphans younger than a grace period are kept. */
  changedAt: Date;
}

export interface BlobStore {
  /**
   * Streams `source` in; rejects with BlobTooLargeError past `maxBytes`. Writing stops at the limit and the
   * partial file is removed, but the rest of the source is still read (and discarded), so a protocol stream
   * such as SMTP DATA stays in step and the caller can answer 552 after the end of the data.
   */
  put(
    namespace: string,
    source: Readable | AsyncIterable<Buffer> | Iterable<Buffer>,
    options?: { maxBytes?: number },
  ): Promise<BlobRef>;
  /** Makes an existing blob of one namespace available in another (hard link, or copy + fsync). */
  link(fromNamespace: string, toNamespace: string, sha256: string): Promise<void>;
  /** Streams a blob; `range.end` is exclusive (as Buffer.subarray), absent for the rest of the blob. */
  open(namespace: string, sha256: string, range?: { start: number; end?: number }): Readable;
  /**
   * A whole blob in memory. `size`, when the caller knows it (the message row), saves asking the file
   * system for it; a blob of another size is an error (a damaged store), never a short read.
   */
  read(namespace: string, sha256: string, size?: number): Promise<Buffer>;
  /** Bytes `start` to `end` (exclusive) of a blob in memory; fewer when the blob ends sooner. */
  readRange(namespace: string, sha256: string, start: number, end: number): Promise<Buffer>;
  exists(namespace: string, sha256: string): Promise<boolean>;
  /**
   * Removes a blob. `durable: false` when its removal need not survive a crash, because a garbage
   * collection would find the blob again (a queue blob after its message left the queue).
   */
  delete(namespace: string, sha256: string, options?: { durable?: boolean }): Promise<void>;
  /** Lets go of what the store holds open (at shutdown). */
  close?(): Promise<void>;
  /** Every blob of a namespace, for garbage collection of orphans. */
  list(namespace: string): AsyncIterable<string>;
  /** Size and change time of a blob, or null when it does not exist. */
  stat(namespace: string, sha256: string): Promise<BlobStat | null>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`message exceeds the maximum size of ${maxBytes} bytes`);
  }
}
