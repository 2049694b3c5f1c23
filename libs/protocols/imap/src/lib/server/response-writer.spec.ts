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
    expect(seen).toEqual([['one\r\n'], ['two\r\n']]);
  });
});
