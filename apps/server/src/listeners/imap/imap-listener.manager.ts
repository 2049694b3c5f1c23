import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ServerService, VirtualServerService } from '@estafette/directory';
import { ImapServer } from '@estafette/protocols-imap';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';
import { ListenerReconcileLoop } from '../listener-reconcile.loop';
import { ListenerRegistry } from '../listener-registry';
import { TlsMaterialService, type TlsMaterial } from '../tls/tls-material.service';
import { ImapBackendAdapter } from './imap-backend.adapter';
import { planImapListeners, type ImapListenerSpec } from './imap-listener-plan';

/** How often the directory is read for changes to the IMAP4 virtual servers and the certificate. */
const POLL_MS = 2000;
/** On shutdown or when a listener is replaced, sessions may go on this long before they are ended. */
const DRAIN_MS = 10_000;

interface Running {
  spec: ImapListenerSpec;
  server: ImapServer;
  port: number;
  /** The certificate version the server was built with (ImapServer takes its TLS material at construction). */
  tlsVersion: string | null;
}

/**
 * Runs this server's IMAP4 listeners as its directory entry says: per enabled IMAP4 virtual server, IMAP
 * with STARTTLS on its port (143) and implicit TLS on its TLS port (993). Follows changes every few
 * seconds without a restart of the process. ImapServer takes its settings and certificate when built, so
 * a change replaces the listener: the old one stops accepting and drains (its sessions finish their
 * command and get BYE), the new one binds the same port. Drains on shutdown.
 */
@Injectable()
export class ImapListenerManager implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IMAP');
  private readonly running = new Map<string, Running>();
  private readonly failures = new Map<string, string>();
  private readonly draining = new Set<Promise<void>>();
  /** Port 0 (tests) binds an ephemeral port; a replaced listener takes over the port of the one it replaces. */
  private readonly replacedPorts = new Map<string, number>();
  private serverId: string | null = null;
  private tls: TlsMaterial | null = null;
  private tlsVersion: string | null = null;
  private readonly loop: ListenerReconcileLoop;

  constructor(
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly servers: ServerService,
    private readonly virtualServers: VirtualServerService,
    private readonly tlsMaterial: TlsMaterialService,
    private readonly registry: ListenerRegistry,
    private readonly backend: ImapBackendAdapter,
  ) {
    this.loop = new ListenerReconcileLoop({
      family: 'imap',
      registry,
      logger: this.logger,
      pollMs: POLL_MS,
      reconcile: () => this.reconcile(),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    const closing = [...this.running.values()].map((r) => this.stop(r));
    this.running.clear();
    await Promise.all([...closing, ...this.draining]);
  }

  /** One reconciliation pass (passes never overlap); false while this server is not registered yet. */
  refresh(): Promise<boolean> {
    return this.loop.refresh();
  }

  private async reconcile(): Promise<boolean> {
    this.serverId ??=
      (await this.servers.list()).find((s) => s.name.toLowerCase() === this.config.hostname.toLowerCase())?.id ?? null;
    if (!this.serverId) return false;
    await this.refreshTls(this.serverId);
    const wanted = planImapListeners(await this.virtualServers.listByServer(this.serverId));
    for (const [key, running] of this.running) {
      const spec = wanted.find((s) => s.key === key);
      if (spec && JSON.stringify(spec) === JSON.stringify(running.spec) && running.tlsVersion === this.tlsVersion)
        continue;
      this.running.delete(key);
      if (spec && spec.port === 0) this.replacedPorts.set(key, running.port);
      this.draining.add(this.stop(running));
      // The closed listening socket is released on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const spec of wanted) if (!this.running.has(spec.key)) await this.start(spec);
    for (const key of this.failures.keys()) if (!wanted.some((s) => s.key === key)) this.failures.delete(key);
    for (const role of ['imap', 'imaps'] as const) {
      const first = wanted.map((s) => this.running.get(s.key)).find((r) => r?.spec.role === role);
      if (first) this.registry.set(role, first.port);
      else this.registry.delete(role);
    }
    return true;
  }

  private async refreshTls(serverId: string): Promise<void> {
    const version = await this.tlsMaterial.version(serverId);
    if (this.tls && version === this.tlsVersion) return;
    this.tls = await this.tlsMaterial.current(serverId);
    this.tlsVersion = version;
  }

  private async start(spec: ImapListenerSpec): Promise<void> {
    const label = `${spec.virtualServerName}/${spec.role}`;
    if (spec.role === 'imaps' && !this.tls) {
      this.fail(spec, `${label}: no certificate for implicit TLS`);
      return;
    }
    const server = new ImapServer(this.backend, {
      ...spec.settings,
      host: spec.host,
      port: spec.port === 0 ? (this.replacedPorts.get(spec.key) ?? 0) : spec.port,
      hostname: this.config.hostname,
      tls: this.tls ? { key: this.tls.privateKeyPem, cert: this.tls.certificatePem } : undefined,
      implicitTls: spec.role === 'imaps',
      closeTimeoutMs: DRAIN_MS,
      onError: (error) => this.logger.error(`${label}: ${(error as Error).stack ?? String(error)}`),
    });
    try {
      const port = await server.listen();
      this.failures.delete(spec.key);
      this.replacedPorts.delete(spec.key);
      this.running.set(spec.key, { spec, server, port, tlsVersion: this.tlsVersion });
      this.registry.set(label, port);
      this.logger.log(`${spec.virtualServerName}: ${spec.role} listening on ${spec.host}:${port}`);
    } catch (error) {
      this.fail(spec, `${label}: cannot listen on ${spec.host}:${spec.port}: ${(error as Error).message}`);
      await server.close(0);
    }
  }

  private fail(spec: ImapListenerSpec, message: string): void {
    if (this.failures.get(spec.key) !== message) this.logger.error(message);
    this.failures.set(spec.key, message);
  }

  private stop(running: Running): Promise<void> {
    this.registry.delete(`${running.spec.virtualServerName}/${running.spec.role}`);
    const done = running.server.close().then(() => {
      this.draining.delete(done);
    });
    return done;
  }
}
