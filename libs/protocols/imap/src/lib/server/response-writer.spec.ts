import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ResponseWriter } from './response-writer';

describe('ResponseWriter', () => {
  it('waits for the sink to drain before resolving a write (backpressure)', async () => {
    const chunks: string[] = [];
    let finishPending: (() => void) | null = null;
    const sink = new Writable({
      highWaterMark: 4,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString());
        finishPending = callback;
      },
    });
    const writer = new ResponseWriter(sink);
    let resolved = false;
    const pending = writer.line('a long line').then(() => (resolved = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(resolved).toBe(false);
    (finishPending as unknown as () => void)();
    await pending;
    expect(resolved).toBe(true);
    expect(chunks).toEqual(['a long line\r\n']);
  });

  it('copies a readable stream in order', async () => {
    const seen: string[] = [];
    const writer = new ResponseWriter(
      new Writable({
        highWaterMark: 2,
        write(chunk: Buffer, _e, callback) {
          seen.push(chunk.toString());
          setImmediate(callback);
        },
      }),
    );
    await writer.write('* 1 FETCH (BODY[] {6}\r\n');
    await writer.stream(Readable.from([Buffer.from('abc'), Buffer.from('def')]));
    await writer.line(')');
    expect(seen.join('')).toBe('* 1 FETCH (BODY[] {6}\r\nabcdef)\r\n');
  });

  it('writes to a replaced sink (STARTTLS, COMPRESS)', async () => {
    const seen: string[][] = [[], []];
    const sink = (i: number): Writable =>
      new Writable({
        write(chunk: Buffer, _e, callback) {
          seen[i].push(chunk.toString());
          callback();
        },
      });
    const writer = new ResponseWriter(sink(0));
    await writer.line('one');
    writer.replaceSink(sink(1));
    await writer.line('two');
    await new Promise((resolve) => process.nextTick(resolve));
    expect(seen).toEqual([['one\r\n'], ['two\r\n']]);
  });

  it('sends the lines of one turn in one batch, and what was written before a sink change first', async () => {
    const batches: string[][] = [];
    const sink = new Writable({
      writev(chunks, callback) {
        batches.push(chunks.map((c) => String(c.chunk)));
        callback();
      },
    });
    const writer = new ResponseWriter(sink);
    void writer.line('* 1 FETCH (FLAGS ())');
    void writer.line('* 2 FETCH (FLAGS ())');
    await writer.line('a1 OK FETCH completed');
    await new Promise((resolve) => process.nextTick(resolve));
    expect(batches).toEqual([['* 1 FETCH (FLAGS ())\r\n', '* 2 FETCH (FLAGS ())\r\n', 'a1 OK FETCH completed\r\n']]);
    await writer.line('a2 OK Begin TLS negotiation now');
    const later: string[] = [];
    writer.replaceSink(new Writable({ write: (c: Buffer, _e, cb) => (later.push(String(c)), cb()) }));
    expect(batches[1]).toEqual(['a2 OK Begin TLS negotiation now\r\n']);
    await writer.line('encrypted');
    await new Promise((resolve) => process.nextTick(resolve));
    expect(later).toEqual(['encrypted\r\n']);
  });
});
