import { connect, type TLSSocket } from 'node:tls';

/**
 * A raw IMAP session over implicit TLS for the e2e specs: send a tagged command and collect its untagged
 * lines, or wait for an untagged line to arrive unasked (IDLE, updates between commands). Literals in
 * responses arrive as the lines they contain; the specs only look at line shapes.
 */
export class ImapSession {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiters: Array<() => void> = [];
  private tag = 0;

  private constructor(private readonly socket: TLSSocket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, nl).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(nl + 1);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Connects and logs in. */
  static async open(port: number, user: string, password: string): Promise<ImapSession> {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', () => resolve());
      socket.once('error', reject);
    });
    const session = new ImapSession(socket);
    await session.next(() => true);
    const login = await session.command(`LOGIN ${user} "${password}"`);
    if (!login.done.includes(' OK ')) throw new Error(`login failed: ${login.done}`);
    return session;
  }

  /** Sends a tagged command; resolves with the untagged lines and the tagged completion. */
  async command(text: string, timeoutMs = 10_000): Promise<{ untagged: string[]; done: string }> {
    const tag = `t${++this.tag}`;
    this.socket.write(`${tag} ${text}\r\n`);
    const untagged: string[] = [];
    for (;;) {
      const line = await this.next(() => true, timeoutMs);
      if (line.startsWith(`${tag} `)) return { untagged, done: line };
      untagged.push(line);
    }
  }

  /** Writes a raw line (DONE ending IDLE). */
  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** The next line matching `test`, skipping others; rejects after the timeout or when the connection closes. */
  async next(test: (line: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.lines.length > 0) {
        const line = this.lines.shift() as string;
        if (test(line)) return line;
      }
      if (this.socket.destroyed) throw new Error('connection closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a response line');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    if (!this.socket.destroyed) {
      await this.command('LOGOUT').catch(() => undefined);
      this.socket.destroy();
    }
  }
}
