import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSecureContext, createServer as createTlsServer, type SecureContext } from 'node:tls';
import type { ImapBackend } from '../backend/imap-backend';
import type { CommandRegistry } from '../commands/command-registry';
import { createDefaultRegistry } from '../commands/default-commands';
import { ImapConnection } from './imap-connection';
import { resolveOptions, type ImapServerOptions, type ResolvedImapServerOptions } from './imap-server-options';

/**
 * An IMAP4rev1 listener: accepts sockets (plain with STARTTLS, or implicit TLS) and runs one
 * ImapConnection per socket against the backend port. close() drains: stop accepting, BYE to idle
 * sessions, let running commands finish, cut whatever is left after closeTimeoutMs.
 */
export class ImapServer {
  private readonly options: ResolvedImapServerOptions;
  private readonly secureContext: SecureContext | null;
  private readonly registry: CommandRegistry;
  private readonly connections = new Set<ImapConnection>();
  private server: Server | null = null;

  constructor(
    private readonly backend: ImapBackend,
    options: ImapServerOptions,
    registry?: CommandRegistry,
  ) {
    this.options = resolveOptions(options);
    this.secureContext = options.tls ? createSecureContext({ key: options.tls.key, cert: options.tls.cert }) : null;
    this.registry = registry ?? createDefaultRegistry();
  }

  /** Starts listening; resolves with the bound port (useful with port 0). */
  async listen(): Promise<number> {
    const onSocket = (socket: Socket): void => this.accept(socket);
    const server =
      this.options.implicitTls && this.options.tls
        ? createTlsServer({ key: this.options.tls.key, cert: this.options.tls.cert }, onSocket)
        : createNetServer(onSocket);
    // A failed TLS handshake on port 993 is the client's problem, not the listener's.
    server.on('tlsClientError', (_error: Error, socket: Socket) => socket.destroy());
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  /** Open sessions, for metrics and tests. */
  get connectionCount(): number {
    return this.connections.size;
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const connection = new ImapConnection(socket, {
      backend: this.backend,
      registry: this.registry,
      options: this.options,
      secureContext: this.secureContext,
    });
    this.connections.add(connection);
    void connection.run().finally(() => this.connections.delete(connection));
  }

  /** Graceful shutdown (see class comment); resolves when every session is gone. */
  async close(timeoutMs = this.options.closeTimeoutMs): Promise<void> {
    const server = this.server;
    this.server = null;
    const stopped = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    const sessions = [...this.connections];
    for (const connection of sessions) connection.requestShutdown();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        for (const connection of this.connections) connection.destroy();
        resolve();
      }, timeoutMs);
    });
    await Promise.race([Promise.all(sessions.map((c) => c.closed)), deadline]);
    clearTimeout(timer);
    await stopped;
  }
}
