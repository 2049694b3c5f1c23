// A minimal POP3 client for the benchmark: one command at a time (no pipelining, as mail clients do),
// multi-line responses read to the "." line and counted, never parsed further.
import { connect } from 'node:net';

const LF = 0x0a;

export class Pop3Client {
  static async connect(port, host = '127.0.0.1', timeoutMs = 30_000) {
    const socket = connect({ port, host, noDelay: true });
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('POP3 session timed out')));
    const client = new Pop3Client(socket);
    const greeting = await client.line();
    if (!greeting.startsWith('+OK')) throw new Error(`greeting: ${greeting}`);
    return client;
  }

  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.waiter = null;
    this.failure = null;
    socket.on('data', (chunk) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.wake();
    });
    socket.on('error', (error) => {
      this.failure = error;
      this.wake();
    });
    socket.on('close', () => {
      this.failure ??= new Error('connection closed');
      this.wake();
    });
  }

  wake() {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  async more() {
    if (this.failure) throw this.failure;
    await new Promise((resolve) => (this.waiter = resolve));
  }

  /** The next line without its line end. */
  async line() {
    for (;;) {
      const nl = this.buffer.indexOf(LF);
      if (nl >= 0) {
        const text = this.buffer.toString('latin1', 0, nl > 0 && this.buffer[nl - 1] === 0x0d ? nl - 1 : nl);
        this.buffer = this.buffer.subarray(nl + 1);
        return text;
      }
      await this.more();
    }
  }

  /** Sends a command; returns its status line, throwing on -ERR. */
  async command(text) {
    this.socket.write(`${text}\r\n`);
    const status = await this.line();
    if (!status.startsWith('+OK')) throw new Error(`${text.split(' ')[0]}: ${status}`);
    return status;
  }

  /** A multi-line command: returns the octets of the body received (stuffed, terminator excluded). */
  async multiline(text) {
    await this.command(text);
    while (this.buffer.length < 3) await this.more();
    // An empty body: the terminator right after the status line.
    if (this.buffer[0] === 0x2e && this.buffer[1] === 0x0d && this.buffer[2] === 0x0a) {
      this.buffer = this.buffer.subarray(3);
      return 0;
    }
    let octets = 0;
    for (;;) {
      // Only the end is looked for ("CRLF . CRLF"; stuffed lines start with ".."): the body is counted.
      const end = this.buffer.indexOf('\r\n.\r\n');
      if (end >= 0) {
        octets += end + 2;
        this.buffer = this.buffer.subarray(end + 5);
        return octets;
      }
      // Keep the last 4 bytes: the terminator may straddle two reads.
      const keep = Math.min(this.buffer.length, 4);
      octets += this.buffer.length - keep;
      this.buffer = this.buffer.subarray(this.buffer.length - keep);
      await this.more();
    }
  }

  async login(user, password) {
    await this.command(`USER ${user}`);
    return this.command(`PASS ${password}`);
  }

  /** [count, octets] */
  async stat() {
    const [, count, octets] = (await this.command('STAT')).split(' ');
    return [Number(count), Number(octets)];
  }

  async quit() {
    try {
      await this.command('QUIT');
    } finally {
      this.socket.destroy();
    }
  }

  close() {
    this.socket.destroy();
  }
}
