import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

/**
 * A line-oriented SMTP client over a raw socket, as a person types in telnet: write lines, read reply
 * lines. Used by the transcript tests and the malformed-input tests. Specs only.
 */
export class SmtpTestClient {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiting: Array<() => void> = [];
  private closed = false;

  private constructor(private socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  static async connect(port: number, options: { host?: string; tls?: boolean } = {}): Promise<SmtpTestClient> {
    const host = options.host ?? '127.0.0.1';
    const socket = options.tls ? tlsConnect({ host, port, rejectUnauthorized: false }) : netConnect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once(options.tls ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    return new SmtpTestClient(socket);
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

  /** Writes raw text (no line end added). */
  write(text: string | Buffer): void {
    this.socket.write(text);
  }

  /** Writes one command line with CRLF. */
  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** The next reply line, or null once the server closed the connection. */
  async readLine(timeoutMs = 5000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.length === 0) {
      if (this.closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a reply line');
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

  /** A whole (possibly multi-line) reply: every line up to the one with a space after the code. */
  async readReply(timeoutMs = 5000): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const line = await this.readLine(timeoutMs);
      if (line === null) {
        if (out.length) return out;
        throw new Error('connection closed before a reply');
      }
      out.push(line);
      if (!/^\d{3}-/.test(line)) return out;
    }
  }

  /** Sends a command and returns the last line of its reply. */
  async command(line: string): Promise<string> {
    this.send(line);
    const reply = await this.readReply();
    return reply[reply.length - 1];
  }

  /** STARTTLS on the open connection (the 220 must have been read already). */
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
 * Plays a transcript against a listener: "C: " lines are sent (consecutive ones in one go, which
 * is what pipelining is), "S: " lines are the expected reply lines, where "*" matches any text.
 * Lines starting with "#" and empty lines are skipped. Returns the lines the server sent.
 */
export async function playTranscript(client: SmtpTestClient, transcript: string): Promise<string[]> {
  const seen: string[] = [];
  const steps = transcript.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) client.write(pending.map((l) => `${l}\r\n`).join(''));
    pending = [];
  };
  for (const step of steps) {
    if (step.startsWith('C: ') || step === 'C:') {
      pending.push(step.slice(3));
    } else if (step.startsWith('S: ')) {
      flush();
      const expected = step.slice(3);
      const line = await client.readLine();
      if (line === null) throw new Error(`expected "${expected}", the server closed the connection`);
      seen.push(line);
      const pattern = new RegExp(`^${expected.split('*').map(escapeRegExp).join('.*')}$`);
      if (!pattern.test(line)) throw new Error(`expected "${expected}", got "${line}"\n${seen.join('\n')}`);
    } else {
      throw new Error(`transcript line must start with "C: " or "S: ": ${step}`);
    }
  }
  flush();
  return seen;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
