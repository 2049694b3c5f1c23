import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';

/**
 * A message held while it is being verified: in memory up to `memoryLimit` bytes, then in a
 * temporary file (not fsynced: the durable copy is the one the transport writes). `open()` reads
 * it back from the start; `dispose()` removes the file.
 */
export class MessageSpool {
  private readonly chunks: Buffer[] = [];
  private memoryBytes = 0;
  private dir: string | null = null;
  private file: WriteStream | null = null;
  private path: string | null = null;
  bytes = 0;

  constructor(private readonly memoryLimit: number) {}

  async write(chunk: Buffer): Promise<void> {
    this.bytes += chunk.length;
    if (!this.file && this.memoryBytes + chunk.length <= this.memoryLimit) {
      this.chunks.push(chunk);
      this.memoryBytes += chunk.length;
      return;
    }
    if (!this.file) {
      this.dir = await mkdtemp(join(tmpdir(), 'estafette-spool-'));
      this.path = join(this.dir, 'message');
      this.file = createWriteStream(this.path, { mode: 0o600 });
      for (const held of this.chunks) this.file.write(held);
      this.chunks.length = 0;
      this.memoryBytes = 0;
    }
    if (!this.file.write(chunk)) await once(this.file, 'drain');
  }

  /** Ends writing; the spool can be read after this. */
  async finish(): Promise<void> {
    if (!this.file) return;
    const file = this.file;
    file.end();
    if (!file.closed) await once(file, 'close');
  }

  open(): Readable {
    return this.path ? createReadStream(this.path) : Readable.from(this.chunks);
  }

  async dispose(): Promise<void> {
    this.file?.destroy();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
