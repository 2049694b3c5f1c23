import { connect, type Socket } from 'node:net';

/** Reads SMTP replies (RFC 5321 §4.2: "250-" continues, "250 " ends) from a socket. */
class ReplyReader {
  private buffer = '';
  private readonly replies: string[] = [];
  private current: string[] = [];
  private wake: (() => void) | null = null;

  constructor(socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\r\n')) >= 0) {
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        this.current.push(line);
        if (line.charAt(3) !== '-') {
          this.replies.push(this.current.join('\n'));
          this.current = [];
        }
      }
      this.wake?.();
    });
  }

  async next(): Promise<string> {
    while (this.replies.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.replies.shift() ?? '';
  }
}

/**
 * Hands one message to an SMTP listener, the way another mail server would.
 * Returns the final reply to DATA (which carries the queue id).
 */
export async function sendMail(
  port: number,
  message: { from: string; to: string; subject: string; body: string },
): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const replies = new ReplyReader(socket);
  const expect = async (code: string) => {
    const reply = await replies.next();
    if (!reply.startsWith(code)) throw new Error(`SMTP: expected ${code}, got ${reply}`);
    return reply;
  };
  const send = (line: string) => socket.write(`${line}\r\n`);
  try {
    await expect('220');
    send('EHLO partner.example');
    await expect('250');
    send(`MAIL FROM:<${message.from}>`);
    await expect('250');
    send(`RCPT TO:<${message.to}>`);
    await expect('250');
    send('DATA');
    await expect('354');
    const date = new Date().toUTCString().replace('GMT', '+0000');
    send(
      [
        `From: <${message.from}>`,
        `To: <${message.to}>`,
        `Subject: ${message.subject}`,
        `Date: ${date}`,
        `Message-ID: <${Date.now()}.${Math.random().toString(36).slice(2)}@partner.example>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        message.body,
        '.',
      ].join('\r\n'),
    );
    const accepted = await expect('250');
    send('QUIT');
    await replies.next();
    return accepted;
  } finally {
    socket.end();
  }
}
