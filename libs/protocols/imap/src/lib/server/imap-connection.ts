import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { TLSSocket, type SecureContext } from 'node:tls';
import { ImapBackendError, type ImapBackend, type ImapClientContext } from '../backend/imap-backend';
import type { CommandContext, CommandResult } from '../commands/imap-command';
import type { CommandRegistry } from '../commands/command-registry';
import { CommandArgs } from '../parser/command-args';
import { CommandSyntaxError, parseCommand } from '../parser/command-parser';
import { ImapSyntaxError, type ImapCommand } from '../parser/imap-value';
import { ImapTokenizer, type TokenizerEvent } from '../parser/tokenizer';
import { statusResponse } from '../responses/status-response';
import { condstoreEnabled } from '../session/selected-mailbox';
import { NOT_AUTHENTICATED, type SessionState } from '../session/session-state';
import { UntaggedQueue } from '../session/untagged-queue';
import type { ResolvedImapServerOptions } from './imap-server-options';
import { DeflateSink, inflateInput } from './deflate-stream';
import { ResponseWriter } from './response-writer';

/** Pause reading above this many unprocessed bytes while a command is running (pipelined input). */
const HIGH_WATER_BYTES = 256 * 1024;

export interface ImapConnectionDeps {
  readonly backend: ImapBackend;
  readonly registry: CommandRegistry;
  readonly options: ResolvedImapServerOptions;
  readonly secureContext: SecureContext | null;
}

/**
 * One client connection: read loop -> tokenizer/parser -> dispatcher -> writer. Commands run one at a
 * time in arrival order (pipelined commands wait in the tokenizer's buffer). Owns the auto-logout timer
 * (RFC 3501 §5.4) and the untagged-update queue of the selected mailbox.
 */
export class ImapConnection {
  private state: SessionState = NOT_AUTHENTICATED;
  private readonly tokenizer: ImapTokenizer;
  private readonly writer: ResponseWriter;
  private readonly queue = new UntaggedQueue();
  private readonly enabled = new Set<string>();
  private clientId: Readonly<Record<string, string | null>> | null = null;
  private input: Socket;
  private secure: boolean;
  /** COMPRESS=DEFLATE is on (RFC 4978). */
  private compressed = false;
  private ended = false;
  private waiting: (() => void) | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private busy = false;
  private shutdownRequested = false;
  private consecutiveErrors = 0;
  private authFailures = 0;
  private commandContext: CommandContext | null = null;
  private unwatch: (() => void) | null = null;
  private readonly closedPromise: Promise<void>;
  private resolveClosed!: () => void;
  private readonly onData = (chunk: Buffer): void => {
    this.tokenizer.push(chunk);
    this.armIdleTimer();
    if (this.busy && this.tokenizer.buffered > HIGH_WATER_BYTES) this.input.pause();
    this.wake();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake();
  };

  constructor(
    private socket: Socket,
    private readonly deps: ImapConnectionDeps,
  ) {
    this.secure = socket instanceof TLSSocket;
    this.tokenizer = new ImapTokenizer({
      maxLineBytes: deps.options.maxLineBytes,
      maxLiteralBytes: deps.options.maxLiteralBytes,
      maxMessageBytes: deps.options.maxMessageBytes,
    });
    this.writer = new ResponseWriter(socket);
    this.input = socket;
    this.closedPromise = new Promise((resolve) => (this.resolveClosed = resolve));
    this.attachInput(socket);
  }

  /** Resolves when the connection has closed. */
  get closed(): Promise<void> {
    return this.closedPromise;
  }

  /** Runs the session to its end; never rejects. */
  async run(): Promise<void> {
    try {
      this.armIdleTimer();
      await this.writer.line(
        statusResponse('*', 'OK', `${this.deps.options.hostname} Estafette IMAP4rev1 ready`, this.capabilityCode()),
      );
      await this.loop();
    } catch (error) {
      this.deps.options.onError(error);
    } finally {
      await this.finish();
    }
  }

  /**
   * Graceful close (server shutdown): a session waiting for a command gets BYE now; one in a command
   * gets it once the command completed.
   */
  requestShutdown(): void {
    this.shutdownRequested = true;
    this.wake();
  }

  /** Cuts the connection (shutdown timeout elapsed). */
  destroy(): void {
    this.socket.destroy();
  }

  private async loop(): Promise<void> {
    while (!this.loggedOut()) {
      const event = await this.nextEvent();
      if (!event) {
        if (this.shutdownRequested && !this.ended) await this.bye('Server shutting down');
        return;
      }
      if (event.type === 'continue') {
        await this.writer.line('+ Ready for literal data');
        continue;
      }
      this.busy = true;
      try {
        if (event.type === 'error') {
          await this.writer.line(statusResponse(event.tag ?? '*', event.status, event.text, event.code));
          if (event.fatal) return this.bye('Protocol error');
          if (await this.countError()) return;
          continue;
        }
        await this.execute(event.command);
      } finally {
        this.busy = false;
        this.input.resume();
      }
      if (this.shutdownRequested && !this.loggedOut()) return this.bye('Server shutting down');
    }
  }

  private async execute(raw: { pieces: readonly Buffer[]; literals: readonly Buffer[] }): Promise<void> {
    let command: ImapCommand;
    try {
      command = parseCommand(raw);
    } catch (error) {
      if (!(error instanceof CommandSyntaxError)) throw error;
      await this.writer.line(statusResponse(error.tag ?? '*', 'BAD', error.message));
      await this.countError();
      return;
    }
    const result = await this.dispatch(command);
    await this.flushUntagged(command);
    await this.writer.line(statusResponse(command.tag, result.status, result.text, result.code));
    if (result.status === 'BAD') {
      if (await this.countError()) return;
    } else {
      this.consecutiveErrors = 0;
    }
    if (result.after) await result.after();
  }

  private async dispatch(command: ImapCommand): Promise<CommandResult> {
    const definition = this.deps.registry.find(command.name);
    if (!definition) return { status: 'BAD', text: `Unknown command ${command.name}` };
    if (command.uid && !definition.uid) return { status: 'BAD', text: `UID ${command.name} is not a command` };
    if (!definition.states.includes(this.state.kind as never)) {
      return { status: 'BAD', text: `${command.name} not allowed now` };
    }
    const args = new CommandArgs(command.args);
    try {
      return await definition.handle(this.context(), args, command);
    } catch (error) {
      if (error instanceof ImapSyntaxError) return { status: 'BAD', text: error.message };
      if (error instanceof ImapBackendError) return { status: 'NO', code: error.code, text: error.message };
      this.deps.options.onError(error);
      return { status: 'NO', code: 'SERVERBUG', text: 'Internal error; try again later' };
    }
  }

  /** Delivers queued mailbox changes before a tagged response (RFC 3501 §7.4.1). */
  private async flushUntagged(command: ImapCommand): Promise<void> {
    if (this.state.kind !== 'selected' || this.queue.size === 0) return;
    const definition = this.deps.registry.find(command.name);
    const allowExpunge = !(definition?.forbidsExpunge && !command.uid);
    await this.flushQueue(allowExpunge);
  }

  /** Writes what the queue holds now, worded for what the client enabled (RFC 7162 §3.1.4, §3.2.10). */
  private async flushQueue(allowExpunge: boolean): Promise<void> {
    if (this.state.kind !== 'selected') return;
    const wording = { condstore: condstoreEnabled(this.enabled), qresync: this.enabled.has('QRESYNC') };
    for (const line of this.queue.flush(this.state.mailbox, allowExpunge, wording)) await this.writer.line(line);
  }

  /** Counts a BAD; after too many in a row the client is talking garbage and gets BYE. */
  private async countError(): Promise<boolean> {
    this.consecutiveErrors++;
    if (this.consecutiveErrors < this.deps.options.maxConsecutiveErrors) return false;
    await this.bye('Too many invalid commands');
    return true;
  }

  /**
   * The context commands run with: made once per connection (a fresh object with accessors for every
   * command showed in the profile), its changing parts read through getters.
   */
  private context(): CommandContext {
    this.commandContext ??= this.makeContext();
    return this.commandContext;
  }

  private makeContext(): CommandContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const connection = this;
    const remoteAddress = this.socket.remoteAddress ?? '';
    let client: ImapClientContext = { remoteAddress, secure: this.secure };
    return {
      get state() {
        return connection.state;
      },
      get client() {
        // A new object once STARTTLS made the connection secure.
        if (client.secure !== connection.secure) client = { remoteAddress, secure: connection.secure };
        return client;
      },
      get canStartTls() {
        return connection.canStartTls();
      },
      setState: (state) => this.setState(state),
      backend: this.deps.backend,
      options: this.deps.options,
      enabled: this.enabled,
      updates: this.queue,
      flushUpdates: (allowExpunge) => this.flushQueue(allowExpunge),
      capabilities: () => this.capabilities(),
      untagged: (line) => this.writer.line(`* ${line}`),
      write: (data) => (data instanceof Readable ? this.writer.stream(data) : this.writer.write(data)),
      get closed() {
        return connection.writer.isClosed;
      },
      continuation: (text) => this.writer.line(`+ ${text}`),
      readLine: () => this.readRawLine(),
      startTls: () => this.startTls(),
      get compressionActive() {
        return connection.compressed;
      },
      startCompression: () => this.startCompression(),
      bye: (text) => this.bye(text),
      get authFailures() {
        return connection.authFailures;
      },
      set authFailures(value) {
        connection.authFailures = value;
      },
      get clientId() {
        return connection.clientId;
      },
      set clientId(value) {
        connection.clientId = value;
      },
    };
  }

  /**
   * Changes state; entering the selected state subscribes to the mailbox's change feed so that other
   * sessions' changes reach this client as untagged responses, leaving it unsubscribes.
   */
  private setState(state: SessionState): void {
    const previous = this.state;
    const sameMailbox = previous.kind === 'selected' && state.kind === 'selected' && previous.mailbox === state.mailbox;
    if (!sameMailbox) {
      this.unwatch?.();
      this.unwatch = null;
      this.queue.clear();
      if (state.kind === 'selected') {
        this.unwatch = this.deps.backend.watch(state.user, state.mailbox.handle, (event) => this.queue.push(event));
      }
    }
    this.state = state;
  }

  private capabilities(): string[] {
    return this.deps.registry.capabilities({
      state: this.state.kind,
      secure: this.secure,
      canStartTls: this.canStartTls(),
      plaintextAuth: this.deps.options.allowPlaintextAuth,
    });
  }

  private capabilityCode(): string {
    return ['CAPABILITY', ...this.capabilities()].join(' ');
  }

  private async nextEvent(): Promise<TokenizerEvent | null> {
    for (;;) {
      if (this.shutdownRequested && this.tokenizer.buffered === 0) return null;
      const event = this.tokenizer.next();
      if (event) return event;
      if (this.ended || this.writer.isClosed) return null;
      await this.waitForData();
    }
  }

  private async readRawLine(): Promise<Buffer | null> {
    for (;;) {
      const line = this.tokenizer.nextRawLine();
      if (line === undefined) throw new ImapSyntaxError('Line too long');
      if (line) return line;
      if (this.ended || this.writer.isClosed) return null;
      await this.waitForData();
    }
  }

  private waitForData(): Promise<void> {
    this.input.resume();
    return new Promise<void>((resolve) => (this.waiting = resolve));
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  private attachInput(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onEnd);
  }

  private detachInput(socket: Socket): void {
    socket.off('data', this.onData);
    socket.off('end', this.onEnd);
    socket.off('close', this.onEnd);
    socket.off('error', this.onEnd);
  }

  /**
   * STARTTLS (RFC 3501 §6.2.1): anything the client pipelined after the command was sent in the clear
   * and is discarded (the STARTTLS command-injection attack, RFC 8314 §4.2 / CVE-2011-0411 class).
   */
  /** RFC 4978 §4: no STARTTLS once compression is on (TLS under deflate would be the wrong order). */
  private canStartTls(): boolean {
    return this.deps.secureContext !== null && !this.secure && !this.compressed;
  }

  /**
   * COMPRESS=DEFLATE (RFC 4978 §3): runs after the tagged OK went out uncompressed; from here on the
   * socket carries raw deflate both ways, the tokenizer still sees plain bytes.
   */
  private startCompression(): void {
    const socket = this.socket;
    const inflate = inflateInput(this.onData, this.onEnd);
    socket.off('data', this.onData);
    socket.on('data', (chunk: Buffer) => inflate.write(chunk));
    this.compressed = true;
    this.writer.replaceSink(new DeflateSink(socket));
  }

  private async startTls(): Promise<void> {
    const context = this.deps.secureContext;
    if (!context) throw new Error('STARTTLS without TLS material');
    this.tokenizer.discardBuffered();
    const plain = this.socket;
    this.detachInput(plain);
    const secure = new TLSSocket(plain, { isServer: true, secureContext: context });
    plain.on('error', () => undefined);
    this.socket = secure;
    this.input = secure;
    this.secure = true;
    this.writer.replaceSink(secure);
    this.attachInput(secure);
  }

  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      // RFC 3501 §5.4: the autologout timer; the client learns why before the connection closes.
      void this.bye('Autologout; idle for too long').then(() => this.onEnd());
    }, this.deps.options.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private loggedOut(): boolean {
    return this.state.kind === 'logout';
  }

  private async bye(text: string): Promise<void> {
    this.state = { kind: 'logout' };
    await this.writer.line(statusResponse('*', 'BYE', text));
    await this.writer.end();
  }

  private async finish(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.setState({ kind: 'logout' });
    await this.writer.end();
    this.socket.destroySoon();
    if (this.socket.destroyed) this.resolveClosed();
    else this.socket.once('close', () => this.resolveClosed());
  }
}
