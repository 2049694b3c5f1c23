import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import type { Pop3Backend } from '../backend/pop3-backend';
import { err } from '../responses/pop3-response';
import { Pop3Connection, type ConnectionHost } from './pop3-connection';
import {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_MAX_LINE_BYTES,
  DEFAULT_POP3_SETTINGS,
  type Pop3ServerOptions,
  type Pop3ServerSettings,
  type Pop3TlsMaterial,
} from './pop3-server-options';

/**
 * A POP3 listener (RFC 1939) on one address and port: plain with STLS (port 110) or implicit TLS
 * (port 995). Settings and the certificate can change while it runs; they apply to the next session
 * (and the next handshake). close() stops accepting, lets sessions finish for closeTimeoutMs, then
 * ends the rest with "-ERR [SYS/TEMP]".
 */
export class Pop3Server<P> {
  private readonly server: Server;
  private readonly connections = new Set<Pop3Connection<P>>();
  private readonly options: Pop3ServerOptions;
  private context: SecureContext | null = null;
  private apopCounter = 0;
  private closing: Promise<void> | null = null;

  constructor(
    options: Partial<Pop3ServerOptions> & Pick<Pop3ServerOptions, 'host' | 'port' | 'serverName'>,
    private readonly backend: Pop3Backend<P>,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.options = {
      ...DEFAULT_POP3_SETTINGS,
      implicitTls: false,
      tls: null,
      label: 'pop3',
      closeTimeoutMs: DEFAULT_CLOSE_TIMEOUT_MS,
      maxLineBytes: DEFAULT_MAX_LINE_BYTES,
      ...options,
    };
    this.updateTls(this.options.tls);
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  get port(): number | null {
    const address = this.server.address() as AddressInfo | null;
    return address ? address.port : null;
  }

  get sessionCount(): number {
    return this.connections.size;
  }

  /** Binds; resolves with the bound port. */
  listen(): Promise<number> {
    if (this.options.implicitTls && !this.context) return Promise.reject(new Error('implicit TLS needs a certificate'));
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.removeListener('error', reject);
        resolve(this.port as number);
      });
    });
  }

  reconfigure(settings: Partial<Pop3ServerSettings>): void {
    Object.assign(this.options, settings);
  }

  updateTls(tls: Pop3TlsMaterial | null): void {
    this.options.tls = tls;
    this.context = tls ? createSecureContext({ key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2' }) : null;
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        for (const connection of this.connections) connection.shutdown();
      }, this.options.closeTimeoutMs);
      timer.unref();
      const finished = () => {
        if (this.connections.size > 0) return;
        clearTimeout(timer);
        resolve();
      };
      this.server.close(() => finished());
      this.waitEmpty = finished;
      if (!this.server.listening) finished();
    });
    return this.closing;
  }

  private waitEmpty: () => void = () => undefined;

  private accept(socket: Socket): void {
    socket.on('error', (error) => this.onError(error));
    if (this.closing) {
      socket.end(err('Server shutting down, try again later', 'SYS/TEMP'));
      return;
    }
    const settings: Pop3ServerSettings = { ...this.options, mechanisms: [...this.options.mechanisms] };
    if (settings.maxConnections > 0 && this.connections.size >= settings.maxConnections) {
      socket.end(err('Too many connections, try again later', 'SYS/TEMP'));
      return;
    }
    if (this.options.implicitTls) {
      const context = this.context;
      if (!context) return void socket.destroy();
      const secure = new TLSSocket(socket, { isServer: true, secureContext: context });
      secure.on('error', (error) => this.onError(error));
      // No greeting before the handshake: RFC 8314 §3.3, the whole session is inside TLS.
      secure.setTimeout(settings.idleTimeoutMs, () => secure.destroy());
      secure.once('secure', () => {
        secure.setTimeout(0);
        this.track(new Pop3Connection(secure, this.host(), settings, true, ++this.apopCounter));
      });
      return;
    }
    this.track(new Pop3Connection(socket, this.host(), settings, false, ++this.apopCounter));
  }

  private track(connection: Pop3Connection<P>): void {
    if (connection.isClosed) return;
    this.connections.add(connection);
  }

  private host(): ConnectionHost<P> {
    return {
      backend: this.backend,
      serverName: this.options.serverName,
      label: this.options.label,
      maxLineBytes: this.options.maxLineBytes,
      secureContext: () => this.context,
      onError: this.onError,
      onClose: (connection) => {
        this.connections.delete(connection);
        if (this.closing) this.waitEmpty();
      },
    };
  }
}
