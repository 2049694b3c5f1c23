import { connect, type Socket } from 'node:net';

/** One message of the load: its Message-ID is its identity in the store afterwards. */
export interface LoadMessage {
  messageId: string;
  from: string;
  to: string[];
  body: string;
}

/**
 * A deliberately plain SMTP client (no retries, no pipelining): a message counts as accepted only
 * when this connection read its 250 reply to the final dot. Any other outcome (a refused command,
 * a dropped connection) leaves it unacknowledged, and the connection is abandoned.
 */
class PlainSmtpConnection {
  private buffer = '';
  private waiting: ((line: string | null) => void) | null = null;
  private lines: string[] = [];
  private closed = false;

  constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline: number;
      while ((newline = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, newline).replace(/\r$/, '');
        this.buffer = this.buffer.slice(newline + 1);
        this.push(line);
      }
    });
    const end = () => {
      this.closed = true;
      this.waiting?.(null);
      this.waiting = null;
    };
    socket.on('close', end);
    socket.on('error', end);
  }

  static open(port: number): Promise<PlainSmtpConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new PlainSmtpConnection(socket)));
      socket.once('error', reject);
    });
  }

  private push(line: string): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(line);
    } else this.lines.push(line);
  }

  private nextLine(): Promise<string | null> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** The reply code of a (possibly multi-line) reply, or null when the connection is gone. */
  async reply(): Promise<number | null> {
    for (;;) {
      const line = await this.nextLine();
      if (line === null) return null;
      if (line.length >= 4 && line[3] === '-') continue;
      return Number(line.slice(0, 3));
    }
  }

  async command(text: string): Promise<number | null> {
    if (this.closed) return null;
    this.socket.write(`${text}\r\n`);
    return this.reply();
  }

  async send(message: LoadMessage): Promise<boolean> {
    if ((await this.command(`MAIL FROM:<${message.from}>`)) !== 250) return false;
    for (const to of message.to) if ((await this.command(`RCPT TO:<${to}>`)) !== 250) return false;
    if ((await this.command('DATA')) !== 354) return false;
    const text = [
      `From: <${message.from}>`,
      `To: ${message.to.map((t) => `<${t}>`).join(', ')}`,
      `Subject: load ${message.messageId}`,
      `Message-ID: ${message.messageId}`,
      '',
      message.body,
    ]
      .join('\r\n')
      .replace(/^\./gm, '..');
    this.socket.write(`${text}\r\n.\r\n`);
    return (await this.reply()) === 250;
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * Sends `messages` over `connections` parallel sessions; `onAccepted` hears of every 250. Returns
 * the Message-IDs that were accepted. A session that breaks (the server died) stops.
 */
export async function runSmtpLoad(
  port: number,
  messages: readonly LoadMessage[],
  connections: number,
  onAccepted: (messageId: string) => void,
): Promise<Set<string>> {
  const accepted = new Set<string>();
  let next = 0;
  async function worker(): Promise<void> {
    let session: PlainSmtpConnection;
    try {
      session = await PlainSmtpConnection.open(port);
    } catch {
      return;
    }
    try {
      if ((await session.reply()) !== 220) return;
      if ((await session.command('EHLO load.example')) !== 250) return;
      while (next < messages.length) {
        const message = messages[next++];
        if (!(await session.send(message))) return;
        accepted.add(message.messageId);
        onAccepted(message.messageId);
      }
      await session.command('QUIT');
    } finally {
      session.close();
    }
  }
  await Promise.all(Array.from({ length: connections }, () => worker()));
  return accepted;
}
