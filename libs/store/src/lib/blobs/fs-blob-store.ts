import { createHash, randomUUID } from 'node:crypto';
import {
  close as fsClose,
  closeSync,
  constants,
  createReadStream,
  fsync as fsFsync,
  open as fsOpen,
  openSync,
  read as fsRead,
  readSync,
  statSync,
} from 'node:fs';
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobWriterThreads } from './blob-writer-threads';
import { BlobTooLargeError, type BlobRef, type BlobStat, type BlobStore } from './blob-store';

const SHA256 = /^[0-9a-f]{64}$/;
const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const TEMP_DIR = 'tmp';
/**
 * Reads up to this size are done synchronously: a few microseconds from the page cache, where the thread
 * pool costs three round trips (open, read, close) with their context switches. A message header or a
 * typical message is read this way; larger ones keep the event loop free.
 */
const SYNC_READ_BYTES = 64 * 1024;
/**
 * Content given in memory up to this size is written by a writer thread in one trip (BlobWriterThreads).
 * Through the thread pool each step is a turn of a busy event loop: under the IMAP load an APPEND's blob
 * took 6 trips, about 11 ms.
 */
const SYNC_WRITE_BYTES = 64 * 1024;
/**
 * Directories whose descriptor stays open for their fsyncs (the blob shards of a few namespaces: 256
 * each). Beyond this a directory is opened for its sync and closed again.
 */
const KEPT_DIRECTORIES = 1024;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** fsync of a directory makes a rename or link in it durable (POSIX: the entry lives in the directory). */
async function syncDirectoryOnce(path: string): Promise<void> {
  const fd = await openDirectory(path);
  try {
    await fsyncFd(fd);
  } finally {
    await new Promise<void>((resolve) => fsClose(fd, () => resolve()));
  }
}

function openDirectory(path: string): Promise<number> {
  return new Promise((resolve, reject) =>
    fsOpen(path, constants.O_RDONLY, (error, fd) => (error ? reject(error) : resolve(fd))),
  );
}

function fsyncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsFsync(fd, (error) => (error ? reject(error) : resolve())));
}

/**
 * Content-addressed blobs on the local file system, under `<root>/<namespace>/<sha[0..2]>/<sha>`.
 * `put` streams into a temporary file of the namespace while hashing, fsyncs it, renames it into place and
 * fsyncs the directory: when it resolves, the blob survives a crash. Memory stays flat whatever the size.
 */
export class FsBlobStore implements BlobStore {
  /** Directories known to exist (blob shards are never removed): no mkdir for every blob written. */
  private readonly madeDirectories = new Set<string>();
  /**
   * Open descriptors of directories, for their fsyncs: a blob written costs one call to the thread pool for
   * its directory instead of three (open, fsync, close). Measured under the SMTP load (8,000 messages),
   * with the queue's deletions below: 8–12 % more messages a second. Shards are never removed, so a kept
   * descriptor stays the directory's.
   */
  private readonly directories = new Map<string, Promise<number>>();
  private readonly writers = new BlobWriterThreads();

  constructor(readonly root: string) {}

  async put(
    namespace: string,
    source: Readable | AsyncIterable<Buffer> | Iterable<Buffer>,
    options: { maxBytes?: number } = {},
  ): Promise<BlobRef> {
    if (Array.isArray(source)) {
      const chunks = source as Buffer[];
      const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      if (size <= SYNC_WRITE_BYTES && chunks.every((chunk) => Buffer.isBuffer(chunk)))
        return this.putInMemory(namespace, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), options);
    }
    return this.putStreamed(namespace, source, options);
  }

  private async putStreamed(
    namespace: string,
    source: Readable | AsyncIterable<Buffer> | Iterable<Buffer>,
    options: { maxBytes?: number },
  ): Promise<BlobRef> {
    const tempDir = join(this.namespaceDir(namespace), TEMP_DIR);
    await this.makeDirectory(tempDir);
    const tempPath = join(tempDir, randomUUID());
    const handle = await open(tempPath, 'wx');
    const hash = createHash('sha256');
    let size = 0;
    let tooLarge = false;
    let handleOpen = true;
    const discard = async (): Promise<void> => {
      if (handleOpen) {
        handleOpen = false;
        await handle.close();
      }
      await rm(tempPath, { force: true });
    };
    try {
      for await (const chunk of source as AsyncIterable<Buffer | string> | Iterable<Buffer>) {
        if (tooLarge) continue;
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) {
          // Stop writing at once; keep reading so the sender's stream ends where it should.
          tooLarge = true;
          await discard();
          continue;
        }
        hash.update(bytes);
        // write() may write less than asked (a signal, a full disk); go on until the chunk is out.
        for (let offset = 0; offset < bytes.length;) {
          const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
          if (bytesWritten === 0) throw new Error('the blob store could not write (no space left?)');
          offset += bytesWritten;
        }
      }
      if (tooLarge) throw new BlobTooLargeError(options.maxBytes ?? 0);
      await handle.sync();
      handleOpen = false;
      await handle.close();
    } catch (error) {
      await discard();
      throw error;
    }
    return this.moveIntoPlace(namespace, tempPath, hash.digest('hex'), size);
  }

  /**
   * put for small content already in memory (see SYNC_WRITE_BYTES): the whole write in one trip to a
   * writer thread; through the thread pool when those threads failed.
   */
  private async putInMemory(namespace: string, data: Buffer, options: { maxBytes?: number }): Promise<BlobRef> {
    if (options.maxBytes !== undefined && data.length > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
    if (!this.writers.usable) return this.putStreamed(namespace, [data], options);
    const tempDir = join(this.namespaceDir(namespace), TEMP_DIR);
    await this.makeDirectory(tempDir);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const target = this.blobPath(namespace, sha256);
    await this.makeDirectory(dirname(target));
    await this.writers.write({ tempPath: join(tempDir, randomUUID()), target, directory: dirname(target), data });
    return { sha256, size: data.length };
  }

  /** Renames a written and synced temporary file to its blob's name and makes the new name durable. */
  private async moveIntoPlace(namespace: string, tempPath: string, sha256: string, size: number): Promise<BlobRef> {
    const target = this.blobPath(namespace, sha256);
    try {
      await this.makeDirectory(dirname(target));
      // Same name, same content: replacing an existing blob is harmless, and rename is atomic.
      await rename(tempPath, target);
      await this.syncDirectory(dirname(target));
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    return { sha256, size };
  }

  async link(fromNamespace: string, toNamespace: string, sha256: string): Promise<void> {
    const source = this.blobPath(fromNamespace, sha256);
    const target = this.blobPath(toNamespace, sha256);
    if (await this.exists(toNamespace, sha256)) return;
    await this.makeDirectory(dirname(target));
    try {
      await link(source, target);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') return;
      if (code === 'ENOENT') throw new Error(`blob ${sha256} does not exist in namespace ${fromNamespace}`);
      // Another file system or no hard links there (EXDEV, EPERM, ENOTSUP): copy, fsync, rename.
      const tempDir = join(this.namespaceDir(toNamespace), TEMP_DIR);
      await this.makeDirectory(tempDir);
      const tempPath = join(tempDir, randomUUID());
      try {
        await copyFile(source, tempPath);
        const handle = await open(tempPath, 'r+');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tempPath, target);
      } catch (copyError) {
        await rm(tempPath, { force: true });
        throw copyError;
      }
    }
    await this.syncDirectory(dirname(target));
  }

  open(namespace: string, sha256: string, range?: { start: number; end?: number }): Readable {
    const path = this.blobPath(namespace, sha256);
    if (!range) return createReadStream(path);
    if (range.end !== undefined && range.end <= range.start) return createReadStream(path, { start: 0, end: -1 });
    // fs streams take an inclusive end.
    return createReadStream(path, { start: range.start, end: range.end === undefined ? undefined : range.end - 1 });
  }

  async read(namespace: string, sha256: string, size?: number): Promise<Buffer> {
    const path = this.blobPath(namespace, sha256);
    if (size === undefined) return readFile(path);
    // One byte more is asked for, so that a file longer than expected is noticed too.
    const bytes = await readAt(path, 0, size + 1);
    if (bytes.length !== size) throw new Error(`blob ${path} is not ${size} bytes long`);
    return bytes;
  }

  readRange(namespace: string, sha256: string, start: number, end: number): Promise<Buffer> {
    return readAt(this.blobPath(namespace, sha256), start, Math.max(0, end - start));
  }

  /**
   * A synchronous stat (microseconds on a local disk): callers ask inside a database transaction, which
   * would otherwise wait a turn of the thread pool with the database held.
   */
  exists(namespace: string, sha256: string): Promise<boolean> {
    try {
      return Promise.resolve(statSync(this.blobPath(namespace, sha256), { throwIfNoEntry: false }) !== undefined);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  async stat(namespace: string, sha256: string): Promise<BlobStat | null> {
    try {
      const info = await stat(this.blobPath(namespace, sha256));
      return { size: info.size, changedAt: info.ctime };
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(namespace: string, sha256: string, options: { durable?: boolean } = {}): Promise<void> {
    const path = this.blobPath(namespace, sha256);
    try {
      // unlink, not rm: rm inspects the path first (two lstat calls) to handle directories, which a blob is not.
      await unlink(path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    if (options.durable !== false) await this.syncDirectory(dirname(path));
  }

  /**
   * Stops the writer threads and closes the directory descriptors kept for syncs; the store still works
   * after it (they are started and opened again).
   */
  async close(): Promise<void> {
    await this.writers.close();
    const kept = [...this.directories.values()];
    this.directories.clear();
    for (const fd of await Promise.allSettled(kept))
      if (fd.status === 'fulfilled') await new Promise<void>((resolve) => fsClose(fd.value, () => resolve()));
  }

  private async syncDirectory(path: string): Promise<void> {
    let fd = this.directories.get(path);
    if (!fd) {
      if (this.directories.size >= KEPT_DIRECTORIES) return syncDirectoryOnce(path);
      fd = openDirectory(path);
      this.directories.set(path, fd);
      // A directory that could not be opened is tried afresh next time.
      fd.catch(() => this.directories.get(path) === fd && this.directories.delete(path));
    }
    await fsyncFd(await fd);
  }

  async *list(namespace: string): AsyncIterable<string> {
    const dir = this.namespaceDir(namespace);
    for (const shard of await this.entries(dir)) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of await this.entries(join(dir, shard))) if (SHA256.test(name)) yield name;
    }
  }

  /** Temporary files left by a crash in the middle of a put; removed once older than `maxAgeMs`. */
  async removeStaleTemporaryFiles(now: Date, maxAgeMs: number): Promise<number> {
    let removed = 0;
    for (const namespace of await this.entries(this.root)) {
      if (!NAMESPACE.test(namespace)) continue;
      const tempDir = join(this.root, namespace, TEMP_DIR);
      for (const name of await this.entries(tempDir)) {
        const path = join(tempDir, name);
        const info = await stat(path).catch(() => null);
        if (info && now.getTime() - info.mtime.getTime() > maxAgeMs) {
          await rm(path, { force: true });
          removed += 1;
        }
      }
    }
    return removed;
  }

  private async entries(dir: string): Promise<string[]> {
    try {
      return await readdir(dir);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
  }

  /** Creates a directory and makes the new entries durable in their parents. */
  private async makeDirectory(dir: string): Promise<void> {
    if (this.madeDirectories.has(dir)) return;
    const first = await mkdir(dir, { recursive: true });
    if (first !== undefined)
      for (let d = dir; d.length >= first.length; d = dirname(d)) await this.syncDirectory(dirname(d));
    this.madeDirectories.add(dir);
  }

  private namespaceDir(namespace: string): string {
    if (!NAMESPACE.test(namespace)) throw new Error(`invalid blob namespace "${namespace}"`);
    return join(this.root, namespace);
  }

  private blobPath(namespace: string, sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`invalid blob id "${sha256}"`);
    return join(this.namespaceDir(namespace), sha256.slice(0, 2), sha256);
  }
}

/**
 * Up to `length` bytes from `position` in one buffer: open, one read, close (readFile asks fstat for the
 * size first, another trip for every message a POP3 RETR or an IMAP FETCH sends). A regular file answers
 * a read short only at its end (libuv retries an interrupted one), so one read is the whole range. Small
 * reads are synchronous (see SYNC_READ_BYTES), larger ones go through the thread pool.
 */
function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  if (length <= SYNC_READ_BYTES) {
    try {
      const fd = openSync(path, 'r');
      try {
        return Promise.resolve(buffer.subarray(0, readSync(fd, buffer, 0, length, position)));
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
  return new Promise((resolve, reject) => {
    fsOpen(path, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      fsRead(fd, buffer, 0, length, position, (readError, bytesRead) =>
        fsClose(fd, (closeError) => {
          const failure = readError ?? closeError;
          if (failure) reject(failure);
          else resolve(buffer.subarray(0, bytesRead));
        }),
      );
    });
  });
}
