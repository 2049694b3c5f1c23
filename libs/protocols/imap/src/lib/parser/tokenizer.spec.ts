import { describe, expect, it } from 'vitest';
import { ImapTokenizer, type TokenizerEvent } from './tokenizer';

const LIMITS = { maxLineBytes: 100, maxLiteralBytes: 50, maxMessageBytes: 1000 };

function events(input: string | Buffer[], limits = LIMITS): TokenizerEvent[] {
  const tokenizer = new ImapTokenizer(limits);
  const out: TokenizerEvent[] = [];
  const chunks = typeof input === 'string' ? [Buffer.from(input)] : input;
  for (const chunk of chunks) {
    tokenizer.push(chunk);
    for (let e = tokenizer.next(); e; e = tokenizer.next()) out.push(e);
  }
  return out;
}

function text(event: TokenizerEvent): string[] {
  if (event.type !== 'command') throw new Error(`not a command: ${JSON.stringify(event)}`);
  return [...event.command.pieces.map((p) => p.toString()), ...event.command.literals.map((l) => `<${l}>`)];
}

describe('ImapTokenizer', () => {
  it('cuts pipelined commands at CRLF and accepts a bare LF', () => {
    const out = events('a1 NOOP\r\na2 CAPABILITY\na3 LOGOUT\r\n');
    expect(out.map(text)).toEqual([['a1 NOOP'], ['a2 CAPABILITY'], ['a3 LOGOUT']]);
  });

  it('waits for more data: a command split over many chunks, byte by byte', () => {
    const bytes = Buffer.from('a1 LOGIN {5}\r\nalice secret\r\n');
    const out = events([...bytes].map((b) => Buffer.from([b])));
    expect(out[0]).toEqual({ type: 'continue', bytes: 5 });
    expect(text(out[1])).toEqual(['a1 LOGIN {5}', ' secret', '<alice>']);
  });

  it('asks for continuation only for synchronising literals (RFC 7888)', () => {
    const out = events('a1 LOGIN {5+}\r\nalice {3}\r\nabc\r\n');
    expect(out.map((e) => e.type)).toEqual(['continue', 'command']);
    expect(text(out[1])).toEqual(['a1 LOGIN {5+}', ' {3}', '', '<alice>', '<abc>']);
  });

  it('keeps CRLF and NUL bytes inside literal8 and literals verbatim', () => {
    const out = events('a1 APPEND INBOX ~{4}\r\n\r\n\0x\r\n');
    expect(out[1].type === 'command' && out[1].command.literals[0]).toEqual(Buffer.from('\r\n\0x'));
  });

  it('refuses an over-long line with a tagged BAD and resynchronises at the next line', () => {
    const out = events(`a1 LOGIN ${'x'.repeat(200)}\r\na2 NOOP\r\n`);
    expect(out[0]).toMatchObject({ type: 'error', tag: 'a1', status: 'BAD', fatal: false });
    expect(text(out[1])).toEqual(['a2 NOOP']);
  });

  it('refuses an over-long line even before its end arrives', () => {
    const out = events([Buffer.from(`a1 X ${'y'.repeat(150)}`), Buffer.from('more\r\na2 NOOP\r\n')]);
    expect(out[0]).toMatchObject({ type: 'error', tag: 'a1', status: 'BAD' });
    expect(text(out[1])).toEqual(['a2 NOOP']);
  });

  it('answers a too-large APPEND literal with NO [TOOBIG] (RFC 7889) and no continuation', () => {
    const out = events('a1 APPEND INBOX {5000}\r\na2 NOOP\r\n');
    expect(out[0]).toMatchObject({ type: 'error', tag: 'a1', status: 'NO', code: 'TOOBIG', fatal: false });
    expect(text(out[1])).toEqual(['a2 NOOP']);
  });

  it('applies the message limit to APPEND and the literal limit elsewhere', () => {
    expect(events('a1 APPEND INBOX {500}\r\n')[0]).toEqual({ type: 'continue', bytes: 500 });
    expect(events('a1 UID SEARCH TEXT {500}\r\n')[0]).toMatchObject({ type: 'error', status: 'BAD' });
  });

  it('treats a too-large non-synchronising literal as fatal: its bytes are already on the way', () => {
    const out = events('a1 LOGIN {5000+}\r\n');
    expect(out[0]).toMatchObject({ type: 'error', tag: 'a1', fatal: true });
  });

  it('collects a large APPEND literal from many chunks without re-joining per chunk', () => {
    const size = 8 * 1024 * 1024;
    const tokenizer = new ImapTokenizer({ ...LIMITS, maxMessageBytes: size });
    tokenizer.push(Buffer.from(`a1 APPEND INBOX {${size}+}\r\n`));
    expect(tokenizer.next()).toBeNull();
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    const started = performance.now();
    for (let sent = 0; sent < size; sent += chunk.length) {
      tokenizer.push(chunk);
      expect(tokenizer.next()).toBeNull();
    }
    tokenizer.push(Buffer.from(' x\r\n'));
    const event = tokenizer.next();
    expect(event?.type === 'command' && event.command.literals[0].length).toBe(size);
    // Joining per chunk would copy ~2 GB here; one join copies 8 MB.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads raw lines for SASL exchanges', () => {
    const tokenizer = new ImapTokenizer(LIMITS);
    tokenizer.push(Buffer.from('YWxp'));
    expect(tokenizer.nextRawLine()).toBeNull();
    tokenizer.push(Buffer.from('Y2U=\r\na2 NOOP\r\n'));
    expect(tokenizer.nextRawLine()?.toString()).toBe('YWxpY2U=');
    expect(tokenizer.next()).toMatchObject({ type: 'command' });
  });
});
