import { describe, expect, it } from 'vitest';
import { DotStuffer } from './dot-stuffer';

function run(message: string, chunkSize: number, limit: number | null = null): string {
  const stuffer = new DotStuffer(limit);
  const data = Buffer.from(message);
  const out: Buffer[] = [];
  for (let i = 0; i < data.length && !stuffer.finished; i += chunkSize)
    out.push(stuffer.push(data.subarray(i, i + chunkSize)));
  out.push(stuffer.end());
  return Buffer.concat(out).toString();
}

describe('DotStuffer (RFC 1939 §3 byte-stuffing)', () => {
  const message = '.first\r\nSubject: x\r\n\r\nbody\r\n.\r\n..two\r\nend';

  it('doubles a leading dot on every line and terminates, whatever the chunk size', () => {
    for (const size of [1, 2, 3, 5, 64]) {
      expect(run(message, size)).toBe('..first\r\nSubject: x\r\n\r\nbody\r\n..\r\n...two\r\nend\r\n.\r\n');
    }
  });

  it('passes a message without dots through unchanged, then "."', () => {
    expect(run('a\r\nb\r\n', 64)).toBe('a\r\nb\r\n.\r\n');
  });

  it('turns bare LF into CRLF, also across chunk ends', () => {
    for (const size of [1, 2, 64]) expect(run('a\nb\r\n.c\n', size)).toBe('a\r\nb\r\n..c\r\n.\r\n');
  });

  it('ends a message that ends in a bare CR cleanly', () => {
    expect(run('a\r', 64)).toBe('a\r\n.\r\n');
  });

  it('TOP: the header section, the empty line and n body lines', () => {
    const text = 'A: 1\r\nB: 2\r\n\r\nl1\r\n.l2\r\nl3\r\n';
    for (const size of [1, 4, 64]) {
      expect(run(text, size, 0)).toBe('A: 1\r\nB: 2\r\n\r\n.\r\n');
      expect(run(text, size, 2)).toBe('A: 1\r\nB: 2\r\n\r\nl1\r\n..l2\r\n.\r\n');
      expect(run(text, size, 10)).toBe('A: 1\r\nB: 2\r\n\r\nl1\r\n..l2\r\nl3\r\n.\r\n');
    }
  });

  it('TOP of a message without a body sends all of it', () => {
    expect(run('A: 1\r\n', 3, 0)).toBe('A: 1\r\n.\r\n');
  });
});
