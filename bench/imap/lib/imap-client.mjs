// A lightweight IMAP client over a raw socket for the benchmark: tagged commands, literals in both
// directions ({n} in responses is read by byte count; APPEND waits for the "+" continuation), and nothing
// else. It keeps the load generator's own CPU small next to the servers it measures.
import { connect } from 'node:net';

const RESPONSE_TIMEOUT_MS = 60_000;

export class ImapError extends Error {}

export class ImapClient {
  /** @param {{ host: string, port: number }} options */
  constructor(options) {
    this.options = options;
    this.socket = null;
    this.buffer = Buffer.alloc(0);
    this.tag = 0;
    /** The response being collected: untagged lines and the tag it ends with. */
    this.pending = null;
    this.closed = false;
  }

  /** Connects and reads the greeting. */
  async connect() {
    this.socket = connect({ host: this.options.host, port: this.options.port, noDelay: true });
    this.socket.on('data', (chunk) => this.onData(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => {
      this.closed = true;
      this.fail(new ImapError('connection closed'));
    });
    const greeting = await this.expect(null);
    if (!/^\* (OK|PREAUTH)/.test(greeting.status)) throw new ImapError(`greeting: ${greeting.status}`);
    return greeting;
  }

  /** Sends one command line and resolves with { status, untagged, literals } or rejects on NO/BAD. */
  async command(text) {
    const tag = `b${++this.tag}`;
    const done = this.expect(tag);
    this.socket.write(`${tag} ${text}\r\n`);
    return this.check(await done, text);
  }

  /** APPEND with a synchronizing literal (RFC 3501 §7.5): the message goes after the "+" continuation. */
  async append(mailbox, flags, message) {
    const tag = `b${++this.tag}`;
    const done = this.expect(tag, () => this.socket.write(Buffer.concat([message, Buffer.from('\r\n')])));
    this.socket.write(`${tag} APPEND ${mailbox} (${flags.join(' ')}) {${message.length}}\r\n`);
    return this.check(await done, 'APPEND');
  }

  /** IDLE (RFC 2177): resolves once the server has sent its continuation; the connection then stays idle. */
  async idle() {
    const tag = `b${++this.tag}`;
    let started;
    const continued = new Promise((resolve) => (started = resolve));
    this.expect(tag, started).catch(() => undefined);
    this.socket.write(`${tag} IDLE\r\n`);
    await continued;
  }

  close() {
    this.closed = true;
    this.socket?.destroy();
  }

  check(response, text) {
    if (!/^\S+ OK/.test(response.status)) throw new ImapError(`${text.split(' ')[0]}: ${response.status}`);
    return response;
  }

  expect(tag, onContinue) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(new ImapError(`no answer within ${RESPONSE_TIMEOUT_MS} ms`)),
        RESPONSE_TIMEOUT_MS,
      );
      this.pending = {
        tag,
        untagged: [],
        literals: 0,
        onContinue,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.drain();
    });
  }

  fail(error) {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  onData(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.drain();
  }

  /** Consumes whole responses: a line, and when it ends with {n}, n bytes of literal and the rest of the line. */
  drain() {
    while (this.pending) {
      let at = 0;
      let line = '';
      let literals = 0;
      for (;;) {
        const eol = this.buffer.indexOf('\r\n', at);
        if (eol < 0) return;
        const part = this.buffer.toString('latin1', at, eol);
        const literal = /\{(\d+)\+?\}$/.exec(part);
        if (!literal) {
          line += part;
          at = eol + 2;
          break;
        }
        const length = Number(literal[1]);
        if (this.buffer.length < eol + 2 + length) return;
        line += part;
        literals += length;
        at = eol + 2 + length;
      }
      this.buffer = this.buffer.subarray(at);
      const pending = this.pending;
      pending.literals += literals;
      if (line.startsWith('+')) {
        pending.onContinue?.();
        continue;
      }
      if (line.startsWith('* ')) {
        if (pending.tag === null) {
          this.pending = null;
          pending.resolve({ status: line, untagged: [], literals: 0 });
        } else pending.untagged.push(line);
        continue;
      }
      if (pending.tag !== null && line.startsWith(`${pending.tag} `)) {
        this.pending = null;
        pending.resolve({ status: line, untagged: pending.untagged, literals: pending.literals });
      }
    }
  }
}

/** IMAP quoted string (RFC 3501 §4.3) for user names and passwords without CR, LF or NUL. */
export function quoted(text) {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
