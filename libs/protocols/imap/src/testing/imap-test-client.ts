import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

/**
 * A raw-socket, line-oriented IMAP client for specs, as a person types in telnet: write lines, read
 * response lines (a literal in a response arrives as the lines it contains).
 */
export class ImapTestClient {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiting: Array<() => void> = [];
  private closed = false;

  private constructor(private socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  static async connect(port: number, options: { tls?: boolean } = {}): Promise<ImapTestClient> {
    const host = '127.0.0.1';
    const socket = options.tls ? tlsConnect({ host, port, rejectUnauthorized: false }) : netConnect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once(options.tls ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    return new ImapTestClient(socket);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get encrypted(): boolean {
    return 'encrypted' in this.socket && this.socket.encrypted === true;
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, nl).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(nl + 1);
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w();
  }

  write(data: string | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  send(line: string): void {
    this.write(`${line}\r\n`);
  }

  /** The next response line, or null once the server closed the connection. */
  async readLine(timeoutMs = 5000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length === 0) {
      if (this.closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a response line');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.lines.shift() as string;
  }

  /** Every line up to and including the tagged response of `tag`. */
  async readUntilTagged(tag: string, timeoutMs = 5000): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const line = await this.readLine(timeoutMs);
      if (line === null) throw new Error(`connection closed before ${tag} completed: ${out.join(' | ')}`);
      out.push(line);
      if (line.startsWith(`${tag} `)) return out;
    }
  }

  /** Sends a command line and returns every response line up to its tagged completion. */
  async command(line: string): Promise<string[]> {
    this.send(line);
    return this.readUntilTagged(line.split(' ')[0]);
  }

  /** STARTTLS on the open connection, after the tagged OK was read. */
  async upgrade(): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    const secure = tlsConnect({ socket: plain, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    this.socket = secure;
    this.attach(secure);
  }

  /** Resolves when the server closed the connection. */
  async waitClosed(timeoutMs = 5000): Promise<void> {
    while (!this.closed) {
      const line = await this.readLine(timeoutMs);
      if (line === null) return;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.destroy();
    });
  }
}

/** "{{*}}" matches any text, "{{/re/}}" a regular expression; everything else must match exactly. */
export function linePattern(expected: string): RegExp {
  const parts = expected.split(/(\{\{.*?\}\})/);
  const source = parts
    .map((part) => {
      if (part === '{{*}}') return '.*';
      const regex = /^\{\{\/(.*)\/\}\}$/.exec(part);
      if (regex) return `(?:${regex[1]})`;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * Plays a transcript: "C: line" is sent (with CRLF), "S: line" must be the next response line,
 * "S: <closed>" expects the server to have closed, "# …" lines are comments and directives.
 * Throws with the line number and both texts on the first mismatch.
 */
export async function playTranscript(client: ImapTestClient, text: string): Promise<void> {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  for (const [index, line] of lines.entries()) {
    if (line.startsWith('C: ') || line === 'C:') {
      client.send(line.slice(3));
    } else if (line.startsWith('S: ')) {
      const expected = line.slice(3);
      const actual = await client.readLine();
      if (expected === '<closed>') {
        if (actual !== null) throw new Error(`line ${index + 1}: expected the connection closed, got "${actual}"`);
        continue;
      }
      if (actual === null || !linePattern(expected).test(actual)) {
        throw new Error(`line ${index + 1}: expected "${expected}", got ${actual === null ? 'closed' : `"${actual}"`}`);
      }
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      throw new Error(`line ${index + 1}: not a transcript line: "${line}"`);
    }
  }
}
