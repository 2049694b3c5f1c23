// Seeds the mailboxes through SMTP (port 25 of the server under test): one message per transaction,
// several sessions in parallel, each command waited for. Only used to fill Estafette before the run.
import { connect } from 'node:net';
import { benchMessage } from './messages.mjs';

class SmtpLineClient {
  constructor(socket) {
    this.socket = socket;
    this.text = '';
    this.waiter = null;
    this.failure = null;
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      this.text += chunk;
      this.waiter?.();
    });
    socket.on('error', (error) => {
      this.failure = error;
      this.waiter?.();
    });
    socket.on('close', () => {
      this.failure ??= new Error('SMTP connection closed');
      this.waiter?.();
    });
  }

  /** The next complete reply (its last line); throws unless the code is the expected one. */
  async reply(expected) {
    for (;;) {
      const match = /(?:^|\n)(\d{3}) [^\n]*\n/.exec(this.text);
      if (match) {
        this.text = this.text.slice(match.index + match[0].length);
        if (match[1] !== String(expected)) throw new Error(`SMTP: expected ${expected}, got ${match[0].trim()}`);
        return;
      }
      if (this.failure) throw this.failure;
      await new Promise((resolve) => (this.waiter = resolve));
      this.waiter = null;
    }
  }

  async send(line, expected) {
    this.socket.write(line);
    await this.reply(expected);
  }
}

/**
 * Sends `perUser` messages, each to every one of `users` (addresses) in one transaction (so that seeding
 * costs one SMTP transaction per message index, whatever the number of users), over `sessions` sessions.
 */
export async function seedOverSmtp({ port, users, perUser, sessions, seed, onProgress }) {
  let next = 0;
  let sent = 0;
  const worker = async () => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    const client = new SmtpLineClient(socket);
    await client.reply(220);
    await client.send('EHLO seeder.bench.example\r\n', 250);
    while (next < perUser) {
      const index = next++;
      const body = benchMessage(seed, index).replace(/^\./gm, '..');
      await client.send(`MAIL FROM:<seeder@sender.example>\r\n`, 250);
      for (const to of users) await client.send(`RCPT TO:<${to}>\r\n`, 250);
      await client.send('DATA\r\n', 354);
      await client.send(`${body}.\r\n`, 250);
      if (++sent % 500 === 0) onProgress?.(sent * users.length, perUser * users.length);
    }
    await client.send('QUIT\r\n', 221).catch(() => undefined);
    socket.destroy();
  };
  await Promise.all(Array.from({ length: sessions }, worker));
  return perUser * users.length;
}
