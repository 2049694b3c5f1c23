import { connect, type Socket } from 'node:net';
import { constants, createDeflateRaw, createInflateRaw, type DeflateRaw, type InflateRaw } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { seedConversationsFor } from '../../testing/transcript-seeds';
import { startImapServer, type ImapServerFixture } from '../../testing/server-fixture';

/**
 * A client that speaks plain IMAP until COMPRESS, then raw deflate (RFC 1951) both ways through
 * Node's zlib, as RFC 4978 clients do.
 */
class DeflateClient {
  private text = '';
  private lines: string[] = [];
  private waiters: (() => void)[] = [];
  private deflate: DeflateRaw | null = null;
  private inflate: InflateRaw | null = null;
  compressedBytesIn = 0;
  closed = false;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.plain(chunk));
    socket.on('close', () => {
      // Compressed input may still be in the inflater: the session is over once it has all come out.
      if (!this.inflate) return this.close();
      this.inflate.once('end', () => this.close());
      this.inflate.once('error', () => this.close());
      this.inflate.end();
    });
  }

  private close(): void {
    this.closed = true;
    this.wake();
  }

  private plain(chunk: Buffer): void {
    this.text += chunk.toString('latin1');
    this.split();
  }

  private split(): void {
    let nl: number;
    while ((nl = this.text.indexOf('\r\n')) >= 0) {
      this.lines.push(Buffer.from(this.text.slice(0, nl), 'latin1').toString('utf8'));
      this.text = this.text.slice(nl + 2);
    }
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((w) => w());
  }

  /** Switches both directions to deflate (after the tagged OK of COMPRESS). */
  compress(): void {
    const inflate = createInflateRaw();
    this.inflate = inflate;
    this.socket.removeAllListeners('data');
    this.socket.on('data', (chunk: Buffer) => {
      this.compressedBytesIn += chunk.length;
      inflate.write(chunk);
    });
    inflate.on('data', (chunk: Buffer) => this.plain(chunk));
    this.deflate = createDeflateRaw();
    this.deflate.on('data', (chunk: Buffer) => this.socket.write(chunk));
  }

  send(line: string): void {
    if (!this.deflate) {
      this.socket.write(`${line}\r\n`);
      return;
    }
    this.deflate.write(`${line}\r\n`);
    this.deflate.flush(constants.Z_SYNC_FLUSH);
  }

  /** Sends garbage that is not a deflate stream. */
  raw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  async line(): Promise<string | null> {
    while (this.lines.length === 0) {
      if (this.closed) return null;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.lines.shift() ?? null;
  }

  async command(line: string): Promise<string[]> {
    const tag = line.split(' ')[0];
    this.send(line);
    const out: string[] = [];
    for (;;) {
      const next = await this.line();
      if (next === null) throw new Error(`closed before ${tag} completed: ${out.join(' | ')}`);
      out.push(next);
      if (next.startsWith(`${tag} `)) return out;
    }
  }
}

async function open(fixture: ImapServerFixture): Promise<{ client: DeflateClient; socket: Socket }> {
  const socket = connect({ host: '127.0.0.1', port: fixture.port });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const client = new DeflateClient(socket);
  await client.line();
  return { client, socket };
}

describe('COMPRESS=DEFLATE (RFC 4978)', () => {
  let fixture: ImapServerFixture | undefined;
  let socket: Socket | undefined;
  afterEach(async () => {
    socket?.destroy();
    await fixture?.close();
  });

  it('is advertised after login, switches both directions to deflate, and keeps serving', async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true });
    seedConversationsFor(fixture.backend);
    const opened = await open(fixture);
    socket = opened.socket;
    const client = opened.client;
    expect((await client.command('c0 CAPABILITY'))[0]).not.toContain('COMPRESS=DEFLATE');
    expect(await client.command('c1 COMPRESS DEFLATE')).toEqual(['c1 BAD COMPRESS not allowed now']);
    await client.command('c2 LOGIN alice secret');
    expect((await client.command('c3 CAPABILITY'))[0]).toContain('COMPRESS=DEFLATE');
    expect(await client.command('c4 COMPRESS LZW')).toEqual(['c4 BAD Unknown compression algorithm LZW']);
    expect(await client.command('c5 COMPRESS DEFLATE')).toEqual(['c5 OK DEFLATE active']);
    client.compress();
    expect(await client.command('c6 COMPRESS DEFLATE')).toEqual([
      'c6 NO [COMPRESSIONACTIVE] Compression is already active',
    ]);
    expect(await client.command('c7 LIST "" *')).toEqual([
      '* LIST (\\HasNoChildren) "/" "INBOX"',
      'c7 OK LIST completed',
    ]);
    const before = client.compressedBytesIn;
    const search = await client.command('c8 STATUS INBOX (MESSAGES UNSEEN)');
    expect(search).toEqual(['* STATUS "INBOX" (MESSAGES 7 UNSEEN 5)', 'c8 OK STATUS completed']);
    expect(client.compressedBytesIn).toBeGreaterThan(before);
    // STARTTLS is gone once compression is on (RFC 4978 §4).
    expect((await client.command('c9 CAPABILITY'))[0]).not.toContain('STARTTLS');
    expect(await client.command('c10 LOGOUT')).toEqual([expect.stringMatching(/^\* BYE /), 'c10 OK LOGOUT completed']);
    expect(fixture.errors).toEqual([]);
  });

  it('compresses a large response and ends the session on a corrupt stream', async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true });
    for (let i = 0; i < 200; i++) await fixture.backend.createMailbox({ id: 'x', username: 'alice' }, `Folder ${i}`);
    const opened = await open(fixture);
    socket = opened.socket;
    const client = opened.client;
    await client.command('d1 LOGIN alice secret');
    await client.command('d2 COMPRESS DEFLATE');
    client.compress();
    const lines = await client.command('d3 LIST "" *');
    expect(lines).toHaveLength(202);
    const plainBytes = lines.reduce((sum, l) => sum + l.length + 2, 0);
    expect(client.compressedBytesIn).toBeLessThan(plainBytes / 3);
    client.raw(Buffer.from('this is not deflate\r\n'));
    expect(await client.line()).toBeNull();
    expect(fixture.errors).toEqual([]);
  });
});
