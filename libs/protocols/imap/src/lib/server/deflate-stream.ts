import { Writable } from 'node:stream';
import { constants, createDeflateRaw, createInflateRaw, type DeflateRaw, type InflateRaw } from 'node:zlib';
import type { Socket } from 'node:net';

/**
 * COMPRESS=DEFLATE (RFC 4978 §4): raw deflate (RFC 1951, no zlib header) in both directions once the
 * tagged OK is out. Server output is flushed (Z_SYNC_FLUSH) whenever the writer pauses, so a response
 * never waits in the compressor while the client waits for it; writes in one tick share a flush.
 */
export class DeflateSink extends Writable {
  private readonly deflate: DeflateRaw;
  private flushScheduled = false;

  constructor(socket: Socket) {
    super();
    this.deflate = createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION });
    this.deflate.pipe(socket);
    this.deflate.on('error', (error) => this.destroy(error));
    socket.once('close', () => this.destroy());
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const accepted = this.deflate.write(chunk);
    this.scheduleFlush();
    if (accepted) callback();
    else this.deflate.once('drain', () => callback());
  }

  /** Done once the compressor has handed its last bytes to the socket, not merely taken them in. */
  override _final(callback: (error?: Error | null) => void): void {
    this.deflate.once('end', () => callback());
    this.deflate.end();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (!this.deflate.destroyed) this.deflate.flush(constants.Z_SYNC_FLUSH);
    });
  }
}

/** The client's compressed bytes, inflated, delivered to `onData`; a corrupt stream ends the session. */
export function inflateInput(onData: (chunk: Buffer) => void, onError: () => void): InflateRaw {
  const inflate = createInflateRaw();
  inflate.on('data', onData);
  inflate.on('error', onError);
  return inflate;
}
