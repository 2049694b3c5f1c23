// A minimal SMTP client for the benchmark: one TCP session, EHLO once, then MAIL/RCPT/DATA pipelined
// (RFC 2920) for each message and the data dot-stuffed (RFC 5321 §4.5.2). Plain TCP on loopback.
import { connect } from 'node:net';

const REPLY_TIMEOUT_MS = 120_000;

/** RFC 5321 §4.5.2: a line starting with "." gets another ".". */
export function dotStuff(data) {
  let text = data.toString('latin1');
  if (text.startsWith('.')) text = `.${text}`;
  return Buffer.from(text.replace(/\r\n\./g, '\r\n..'), 'latin1');
}

export class SmtpSession {
  constructor(host, port) {
    this.host = host;
    this.port = port;
    this.buffer = '';
    this.lines = [];
    this.waiters = [];
    this.closed = null;
  }

  async open(heloName) {
    this.socket = connect({ host: this.host, port: this.port });
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk) => this.onData(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('the server closed the connection')));
    await new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    await this.expect(220);
    this.socket.write(`EHLO ${heloName}\r\n`);
    this.ehlo = (await this.expect(250)).text;
  }

  onData(chunk) {
    this.buffer += chunk.toString('latin1');
    let end;
    while ((end = this.buffer.indexOf('\r\n')) >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.lines.push(line);
      // The last line of a reply has a space (or nothing) after the code.
      if (line.length < 4 || line[3] !== '-') {
        const reply = { code: Number(line.slice(0, 3)), text: this.lines.join('\n') };
        this.lines = [];
        const waiter = this.waiters.shift();
        if (waiter) waiter.resolve(reply);
      }
    }
  }

  fail(error) {
    this.closed ??= error;
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  reply() {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply in time')), REPLY_TIMEOUT_MS);
      this.waiters.push({
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  async expect(code) {
    const r = await this.reply();
    if (r.code !== code) throw new Error(`expected ${code}, got: ${r.text}`);
    return r;
  }

  /**
   * Sends one message; resolves with the final reply (250 when accepted). `data` is a Buffer (dot-stuffed here)
   * or an async iterable of already dot-stuffed chunks for messages too big to hold.
   */
  async send(from, to, data) {
    // MAIL, RCPT and DATA in one write: the server answers them in order (PIPELINING).
    const replies = [this.reply(), this.reply(), this.reply()];
    this.socket.write(`MAIL FROM:<${from}>\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
    const [mail, rcpt, data354] = await Promise.all(replies);
    if (mail.code !== 250 || rcpt.code !== 250 || data354.code !== 354) {
      if (data354.code === 354) {
        // Should not happen (DATA after a refused RCPT); end the empty message.
        this.socket.write('.\r\n');
        await this.reply();
      }
      return mail.code !== 250 ? mail : rcpt.code !== 250 ? rcpt : data354;
    }
    const final = this.reply();
    if (Buffer.isBuffer(data)) {
      const stuffed = dotStuff(data);
      const ending = stuffed.subarray(stuffed.length - 2).toString() === '\r\n' ? '.\r\n' : '\r\n.\r\n';
      this.socket.write(Buffer.concat([stuffed, Buffer.from(ending)]));
    } else {
      for await (const chunk of data) {
        if (!this.socket.write(chunk)) await new Promise((resolve) => this.socket.once('drain', resolve));
      }
      this.socket.write('.\r\n');
    }
    return final;
  }

  /** The SIZE the server advertised in its EHLO reply (RFC 1870); 0 for none or no limit. */
  get maxSize() {
    const match = /^250[- ]SIZE\s+(\d+)/im.exec(this.ehlo ?? '');
    return match ? Number(match[1]) : 0;
  }

  async quit() {
    if (this.closed) return;
    const bye = this.reply().catch(() => null);
    this.socket.write('QUIT\r\n');
    await bye;
    this.socket.end();
  }

  destroy() {
    this.socket?.destroy();
  }
}
