import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  FetchRequest,
  ImapUser,
  MailboxEvent,
  MailboxHandle,
  MailboxSnapshot,
  MessageRecord,
  UidSet,
} from '../src/lib/backend/imap-backend';
import { ImapServer } from '../src/lib/server/imap-server';
import { InMemoryImapBackend } from '../src/testing/in-memory-backend';

const COUNT = 50_000;
/** About 2 KB of header per message, so that kernel socket buffers (a few MB) hold few of them. */
const PAD = `X-Pad: ${'y'.repeat(2000)}\r\n`;

/** INBOX with 50,000 messages whose headers are made on demand; counts how far FETCH has pulled. */
class BigMailboxBackend extends InMemoryImapBackend {
  pulled = 0;
  private onPull: (() => void) | null = null;

  override async openMailbox(_user: ImapUser, mailbox: string): Promise<MailboxSnapshot> {
    const messages = Array.from({ length: COUNT }, (_, i) => ({ uid: i + 1, modseq: 1n }));
    return {
      handle: { id: 'big', name: mailbox },
      uidValidity: 7,
      uidNext: COUNT + 1,
      highestModseq: 1n,
      flags: [],
      permanentFlags: [],
      messages,
      unseen: 0,
      recent: 0,
      readOnly: true,
    };
  }

  override async *fetch(_user: ImapUser, _mailbox: MailboxHandle, uids: UidSet, request: FetchRequest) {
    for (const uid of uids) {
      const header = Buffer.from(`Subject: message ${uid}\r\nFrom: a@example.com\r\n${PAD}\r\n`);
      this.pulled++;
      this.onPull?.();
      const record: MessageRecord = {
        uid,
        sections: request.sections.map((section) => ({ section, length: header.length, content: header })),
      };
      yield record;
    }
  }

  override watch(_user: ImapUser, _mailbox: MailboxHandle, _listener: (event: MailboxEvent) => void): () => void {
    return () => undefined;
  }

  /** Resolves once no record was pulled for `quietMs` (the server is blocked on the client). */
  stalled(quietMs: number): Promise<number> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.onPull = null;
        resolve(this.pulled);
      };
      let timer = setTimeout(done, quietMs);
      this.onPull = () => {
        clearTimeout(timer);
        timer = setTimeout(done, quietMs);
      };
    });
  }
}

describe('FETCH streaming (bounded memory)', () => {
  let server: ImapServer | undefined;
  afterEach(async () => server?.close(1000));

  it('a 50,000-message header FETCH follows the client: the store is read only as fast as the client reads', async () => {
    const backend = new BigMailboxBackend();
    backend.addUser('alice', 'secret');
    server = new ImapServer(backend, { port: 0, host: '127.0.0.1', allowPlaintextAuth: true });
    const socket = connect({ host: '127.0.0.1', port: await server.listen() });
    let received = 0;
    let fetches = 0;
    let tail = '';
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    socket.on('data', (chunk: Buffer) => {
      // Count responses without keeping them: the client side must stay small too.
      received += chunk.length;
      const text = tail + chunk.toString('latin1');
      const pattern = /\* \d+ FETCH \(UID \d+ BODY\[HEADER\] \{/g;
      let lastEnd = 0;
      while (pattern.exec(text)) {
        fetches++;
        lastEnd = pattern.lastIndex;
      }
      // Keep a little for a response cut between chunks, but never text already counted.
      tail = text.slice(Math.max(lastEnd, text.length - 64));
      if (/f1 OK UID FETCH completed\r\n$/.test(text)) done();
    });
    socket.write('l1 LOGIN alice secret\r\ns1 EXAMINE INBOX\r\n');
    await new Promise<void>((resolve) => socket.once('data', () => setImmediate(resolve)));
    socket.pause();
    socket.write('f1 UID FETCH 1:* BODY.PEEK[HEADER]\r\n');
    const pulledWhilePaused = await backend.stalled(300);
    // Socket buffers hold some responses; the rest of the 50,000 wait in the store.
    expect(pulledWhilePaused).toBeLessThan(COUNT / 4);
    const heapBefore = process.memoryUsage().heapUsed;
    socket.resume();
    await finished;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(fetches).toBe(COUNT);
    expect(backend.pulled).toBe(COUNT);
    expect(received).toBeGreaterThan(COUNT * 2000);
    // Far below the ~100 MB of response text: nothing accumulates per message (GC noise allowed).
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
    console.info(`fetch streaming: ${pulledWhilePaused} records pulled while the client paused, ${received} bytes`);
    socket.destroy();
  }, 60_000);

  it('stops reading the store when the client goes away in the middle of a big FETCH', async () => {
    const backend = new BigMailboxBackend();
    backend.addUser('alice', 'secret');
    server = new ImapServer(backend, { port: 0, host: '127.0.0.1', allowPlaintextAuth: true });
    const socket = connect({ host: '127.0.0.1', port: await server.listen() });
    socket.write('l1 LOGIN alice secret\r\ns1 EXAMINE INBOX\r\n');
    await new Promise<void>((resolve) => socket.once('data', () => setImmediate(resolve)));
    socket.pause();
    socket.write('f1 UID FETCH 1:* BODY.PEEK[HEADER]\r\n');
    const before = await backend.stalled(300);
    socket.destroy();
    const after = await backend.stalled(300);
    // At most one more record is read once the write fails; the rest of the 50,000 never are.
    expect(after - before).toBeLessThanOrEqual(2);
  }, 30_000);
});
