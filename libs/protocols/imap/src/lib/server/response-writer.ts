import type { Readable, Writable } from 'node:stream';

/**
 * Writes responses with backpressure: a write resolves once the sink accepted it or drained, so a
 * client that does not read cannot make the server buffer a whole mailbox. The sink can be replaced
 * (STARTTLS, and a deflate transform for COMPRESS=DEFLATE, RFC 4978).
 *
 * Lines written in one turn of the event loop leave in one system call: the sink is corked at the first
 * write and uncorked on the next tick (a FETCH response is a dozen writes; each used to be a send()).
 */
export class ResponseWriter {
  private closed = false;
  private corked: Writable | null = null;

  constructor(private sink: Writable) {}

  /** Flushes what is corked on the current sink, then writes to the new one (STARTTLS takes over the socket). */
  replaceSink(sink: Writable): void {
    this.flush();
    this.sink = sink;
  }

  /** Sends what the current turn wrote now rather than on the next tick. */
  flush(): void {
    const corked = this.corked;
    if (!corked) return;
    this.corked = null;
    corked.uncork();
  }

  get isClosed(): boolean {
    return this.closed || this.sink.destroyed || this.sink.writableEnded;
  }

  /** Writes a line, adding CRLF. */
  line(text: string): Promise<void> {
    return this.write(`${text}\r\n`);
  }

  async write(data: string | Buffer): Promise<void> {
    if (this.isClosed) return;
    if (!this.corked) {
      const sink = this.sink;
      this.corked = sink;
      sink.cork();
      process.nextTick(() => {
        if (this.corked === sink) this.flush();
      });
    }
    if (this.sink.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.sink.off('drain', done);
        this.sink.off('close', done);
        resolve();
      };
      this.sink.on('drain', done);
      this.sink.on('close', done);
    });
  }

  /** Copies a stream (a message body from the store) chunk by chunk, waiting for the client to read. */
  async stream(source: Readable): Promise<void> {
    for await (const chunk of source) {
      if (this.isClosed) {
        source.destroy();
        return;
      }
      await this.write(chunk as Buffer);
    }
  }

  /** Ends the stream once everything written has been flushed. */
  end(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    this.flush();
    this.closed = true;
    return new Promise<void>((resolve) => this.sink.end(resolve));
  }
}
