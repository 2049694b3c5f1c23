import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { Pop3Backend, Pop3MessageContent } from '../backend/pop3-backend';
import { COMMANDS } from '../commands/command-table';
import type { CommandContext } from '../commands/pop3-command';
import { DotStuffer } from '../message/dot-stuffer';
import { err, ok } from '../responses/pop3-response';
import type { Pop3SessionInfo } from '../session/pop3-session-info';
import { authorization, type SessionState } from '../session/session-state';
import type { Pop3ServerSettings } from './pop3-server-options';

const LF = 0x0a;
const EMPTY = Buffer.alloc(0);
/** Responses are gathered and written in one go up to this size (a pipelined batch, a small message). */
const FLUSH_BYTES = 64 * 1024;
/** Lines read ahead while a command runs (RFC 2449 PIPELINING); past it, the socket stops reading. */
const MAX_QUEUED_LINES = 256;
const TOO_LONG = Symbol('line too long');

/** What a connection needs of its listener. */
export interface ConnectionHost<P> {
  readonly backend: Pop3Backend<P>;
  readonly serverName: string;
  readonly label: string;
  readonly maxLineBytes: number;
  /** The TLS context for STLS, or null when the listener has no certificate. */
  secureContext(): SecureContext | null;
  onError(error: Error): void;
  onClose(connection: Pop3Connection<P>): void;
}

function iterate(content: Pop3MessageContent): AsyncIterator<Buffer | Uint8Array> | Iterator<Buffer | Uint8Array> {
  return Symbol.asyncIterator in content ? content[Symbol.asyncIterator]() : content[Symbol.iterator]();
}

const asBuffer = (chunk: Buffer | Uint8Array): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/**
 * One POP3 session: reads lines (CRLF or a bare LF, as telnet and nc send), runs one command at a time
 * in order (pipelined commands wait their turn), writes exactly one response per command, and closes
 * on QUIT, idle timeout or shutdown. Whatever happens, a locked maildrop is released once.
 */
export class Pop3Connection<P> implements CommandContext<P> {
  state: SessionState<P> = authorization();
  readonly info: Pop3SessionInfo;
  readonly apopBanner: string | null;
  private socket: Socket;
  private buffer: Buffer = EMPTY;
  private discarding = false;
  private readonly lines: Array<string | typeof TOO_LONG> = [];
  private running = false;
  private closed = false;
  private ending = false;
  private busy = false;
  private responseStarted = false;
  private released = false;
  private out: Buffer[] = [];
  private outBytes = 0;
  private continuationWaiter: ((line: string | null) => void) | null = null;
  private readonly onData = (chunk: Buffer) => this.read(chunk);
  private readonly onTimeout = () => this.autologout();
  private readonly onSocketClose = () => this.closedNow();
  private readonly onSocketError = (error: Error) => this.host.onError(error);

  constructor(
    socket: Socket,
    private readonly host: ConnectionHost<P>,
    readonly settings: Pop3ServerSettings,
    secure: boolean,
    apopCounter: number,
  ) {
    this.socket = socket;
    this.info = {
      id: randomBytes(4).toString('hex'),
      remoteAddress: socket.remoteAddress ?? '',
      secure,
      label: host.label,
    };
    const offerApop = settings.apop && typeof host.backend.authenticateApop === 'function';
    this.apopBanner = offerApop ? `<${process.pid}.${Date.now()}.${apopCounter}@${host.serverName}>` : null;
    this.attach(socket);
    const banner = this.apopBanner ? ` ${this.apopBanner}` : '';
    this.write(ok(`${host.serverName} POP3 server ready (Estafette)${banner}`));
    this.flush();
  }

  get backend(): Pop3Backend<P> {
    return this.host.backend;
  }

  get canStartTls(): boolean {
    return !this.info.secure && this.host.secureContext() !== null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  write(text: string | Buffer): void {
    const chunk = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    this.out.push(chunk);
    this.outBytes += chunk.length;
  }

  async writeMessage(status: string, content: Pop3MessageContent, bodyLineLimit: number | null): Promise<void> {
    const iterator = iterate(content);
    // The first chunk is read before "+OK": a message that cannot be read gets -ERR, not a cut response.
    let next = await iterator.next();
    const stuffer = new DotStuffer(bodyLineLimit);
    this.write(status);
    this.responseStarted = true;
    while (!next.done) {
      const stuffed = stuffer.push(asBuffer(next.value));
      if (stuffed.length > 0) this.write(stuffed);
      if (this.outBytes >= FLUSH_BYTES) await this.flushAndWait();
      if (stuffer.finished || this.closed) {
        await iterator.return?.();
        break;
      }
      next = await iterator.next();
    }
    this.write(stuffer.end());
    this.responseStarted = false;
  }

  async startTls(status: string): Promise<void> {
    const context = this.host.secureContext();
    if (!context) return this.write(err('STLS is not available'));
    this.write(ok(status));
    this.flush();
    // RFC 2595 §4: the client waits for the +OK; anything it sent before the handshake is dropped.
    this.lines.length = 0;
    this.buffer = EMPTY;
    const plain = this.socket;
    this.detach(plain);
    const secure = new TLSSocket(plain, { isServer: true, secureContext: context });
    this.attach(secure);
    await new Promise<void>((resolve) => {
      secure.once('secure', () => resolve());
      secure.once('close', () => resolve());
    });
    this.info.secure = !this.closed;
    // RFC 2595 §4: state from before TLS (a USER name) is forgotten.
    this.state = authorization();
  }

  continuation(challenge: string): Promise<string | null> {
    this.write(challenge ? `+ ${challenge}\r\n` : '+ \r\n');
    this.flush();
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued === TOO_LONG ? '' : queued);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => (this.continuationWaiter = resolve));
  }

  end(): void {
    this.ending = true;
    this.flush();
    this.socket.end();
  }

  /** Shutdown: a session between commands is told and closed; a busy one is cut after its command. */
  shutdown(): void {
    if (this.closed) return;
    if (!this.busy) {
      this.write(err('Server shutting down, try again later', 'SYS/TEMP'));
      this.end();
    } else this.ending = true;
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    socket.on('data', this.onData);
    socket.on('timeout', this.onTimeout);
    socket.on('close', this.onSocketClose);
    socket.on('error', this.onSocketError);
    socket.setTimeout(this.settings.idleTimeoutMs);
  }

  private detach(socket: Socket): void {
    socket.removeListener('data', this.onData);
    socket.removeListener('timeout', this.onTimeout);
    socket.removeListener('close', this.onSocketClose);
    socket.removeListener('error', this.onSocketError);
    socket.setTimeout(0);
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let start = 0;
    for (let nl = this.buffer.indexOf(LF); nl >= 0; nl = this.buffer.indexOf(LF, start)) {
      const end = nl > start && this.buffer[nl - 1] === 0x0d ? nl - 1 : nl;
      if (this.discarding) this.discarding = false;
      else if (nl + 1 - start > this.host.maxLineBytes) this.push(TOO_LONG);
      else this.push(this.buffer.toString('utf8', start, end));
      start = nl + 1;
    }
    this.buffer = start === 0 ? this.buffer : this.buffer.subarray(start);
    if (this.buffer.length > this.host.maxLineBytes) {
      // The rest of an overlong line is thrown away as it comes; the client gets one -ERR for it.
      if (!this.discarding) this.push(TOO_LONG);
      this.discarding = true;
      this.buffer = EMPTY;
    }
    if (this.lines.length > MAX_QUEUED_LINES) this.socket.pause();
    void this.process();
  }

  private push(line: string | typeof TOO_LONG): void {
    const waiter = this.continuationWaiter;
    if (waiter) {
      this.continuationWaiter = null;
      waiter(line === TOO_LONG ? '' : line);
    } else this.lines.push(line);
  }

  private async process(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.lines.length > 0 && !this.closed && !this.ending) {
        const line = this.lines.shift() as string | typeof TOO_LONG;
        this.busy = true;
        await this.execute(line);
        this.busy = false;
        if (this.lines.length < MAX_QUEUED_LINES / 2 && this.socket.isPaused()) this.socket.resume();
      }
    } finally {
      this.running = false;
      this.busy = false;
      if (!this.closed) this.flush();
      if (this.ending && !this.closed) this.socket.end();
    }
  }

  private async execute(line: string | typeof TOO_LONG): Promise<void> {
    if (line === TOO_LONG) return this.write(err(`Line too long (at most ${this.host.maxLineBytes} octets)`));
    const space = line.indexOf(' ');
    const keyword = (space < 0 ? line : line.slice(0, space)).toUpperCase();
    const command = COMMANDS.get(keyword);
    if (!command) return this.write(err(keyword === '' ? 'Empty command' : 'Unknown command'));
    if (!command.states.includes(this.state.kind)) return this.write(err(`${keyword} is not valid in this state`));
    const raw = space < 0 ? '' : line.slice(space + 1);
    // PASS takes the rest of the line as it is: a password may end in a space (RFC 1939 §7).
    const args = keyword === 'PASS' ? raw : raw.trim();
    try {
      await command.run(this, args);
    } catch (error) {
      this.host.onError(error as Error);
      if (this.responseStarted) {
        // A multi-line response cannot be taken back: the client must see the connection end.
        this.socket.destroy();
        return;
      }
      this.write(err('Internal error, try again later', 'SYS/TEMP'));
    }
  }

  private flush(): void {
    if (this.outBytes === 0 || this.closed) return;
    const data = this.out.length === 1 ? this.out[0] : Buffer.concat(this.out, this.outBytes);
    this.out = [];
    this.outBytes = 0;
    this.socket.write(data);
  }

  private async flushAndWait(): Promise<void> {
    this.flush();
    if (!this.socket.writableNeedDrain || this.closed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.socket.removeListener('drain', done);
        this.socket.removeListener('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /** RFC 1939 §3: after the autologout timer, close without entering UPDATE (nothing is deleted). */
  private autologout(): void {
    if (this.busy) return;
    this.write(err('Autologout: idle for too long'));
    this.end();
  }

  private closedNow(): void {
    if (this.closed) return;
    this.closed = true;
    this.continuationWaiter?.(null);
    this.continuationWaiter = null;
    // The listener counts the session as gone once its lock is released (close() waits for that).
    void this.releaseMaildrop().finally(() => this.host.onClose(this));
  }

  private async releaseMaildrop(): Promise<void> {
    if (this.released) return;
    const state = this.state;
    if (state.kind !== 'transaction') return;
    this.released = true;
    this.state = { kind: 'update' };
    try {
      await state.maildrop.release();
    } catch (error) {
      this.host.onError(error as Error);
    }
  }
}
