import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

/**
 * A line-oriented POP3 client over a raw socket, as a person types in telnet or nc. Used by the
 * transcript, malformed-input and fuzz tests. Specs only.
 */
export class Pop3TestClient {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiting: Array<() => void> = [];
  private closed = false;

  private constructor(private socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  static async connect(port: number, options: { tls?: boolean } = {}): Promise<Pop3TestClient> {
    const host = '127.0.0.1';
    const socket = options.tls ? tlsConnect({ host, port, rejectUnauthorized: false }) : netConnect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once(options.tls ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    return new Pop3TestClient(socket);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get encrypted(): boolean {
    return 'encrypted' in this.socket && this.socket.encrypted === true;
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.setEncoding('latin1');
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
    this.socket.write(data);
  }

  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** The next line, or null once the server closed the connection. */
  async readLine(timeoutMs = 5000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length === 0) {
      if (this.closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a line');
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

  /** A single-line response. */
  async command(line: string): Promise<string> {
    this.send(line);
    const reply = await this.readLine();
    if (reply === null) throw new Error(`connection closed after ${line}`);
    return reply;
  }

  /** A multi-line response: status, then (after +OK) the un-stuffed lines up to ".". */
  async multiline(line: string): Promise<{ status: string; lines: string[] }> {
    const status = await this.command(line);
    const lines: string[] = [];
    if (!status.startsWith('+OK')) return { status, lines };
    for (;;) {
      const next = await this.readLine();
      if (next === null) throw new Error(`connection closed inside the response to ${line}`);
      if (next === '.') return { status, lines };
      lines.push(next.startsWith('.') ? next.slice(1) : next);
    }
  }

  /** STLS on the open connection (the +OK must have been read already). */
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

  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 1000).unref();
    });
  }
}

/**
 * Plays a transcript: "C: " lines are sent (consecutive ones in one write: pipelining), "L: " lines
 * are sent with a bare LF (as nc does), "S: " lines are expected, "*" matching any text; "S: <closed>"
 * expects the server to close; "T: STLS" starts TLS on the client side after the server's +OK.
 * Lines starting with "#" and empty lines are skipped. Returns the lines the server sent.
 */
export async function playTranscript(client: Pop3TestClient, transcript: string): Promise<string[]> {
  const seen: string[] = [];
  const steps = transcript.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  let pending = '';
  const flush = () => {
    if (pending) client.write(pending);
    pending = '';
  };
  for (const step of steps) {
    const body = step.slice(3);
    if (step.startsWith('C: ') || step === 'C:') pending += `${body}\r\n`;
    else if (step.startsWith('L: ')) pending += `${body}\n`;
    else if (step.startsWith('T: ')) {
      flush();
      await client.upgrade();
    } else if (step.startsWith('S: ')) {
      flush();
      const line = await client.readLine();
      if (body === '<closed>') {
        if (line !== null) throw new Error(`expected the connection to close, got "${line}"\n${seen.join('\n')}`);
        continue;
      }
      if (line === null) throw new Error(`expected "${body}", the server closed the connection\n${seen.join('\n')}`);
      seen.push(line);
      const pattern = new RegExp(`^${body.split('*').map(escapeRegExp).join('.*')}$`);
      if (!pattern.test(line)) throw new Error(`expected "${body}", got "${line}"\n${seen.join('\n')}`);
    } else throw new Error(`transcript line must start with "C: ", "L: ", "T: " or "S: ": ${step}`);
  }
  flush();
  return seen;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
