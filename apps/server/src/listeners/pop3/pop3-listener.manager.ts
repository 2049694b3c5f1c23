import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ServerService, VirtualServerService } from '@estafette/directory';
import { Pop3Server } from '@estafette/protocols-pop3';
import { MailLoginService } from '@estafette/security';
import { BLOB_STORE, FolderService, MailboxService, MessageService, type BlobStore } from '@estafette/store';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';
import { ListenerReconciler } from '../common/listener-reconciler';
import { ListenerRegistry } from '../listener-registry';
import { TlsMaterialService, type TlsMaterial } from '../tls/tls-material.service';
import { Pop3BackendAdapter, type Pop3Principal } from './pop3-backend.adapter';
import { planPop3Listeners, type Pop3ListenerSpec } from './pop3-listener-plan';
import { Pop3MaildropLockRepository } from './pop3-maildrop-lock.repository';

/** On shutdown or when a listener moves, sessions may go on this long before they are ended. */
const DRAIN_MS = 10_000;

interface Running {
  spec: Pop3ListenerSpec;
  server: Pop3Server<Pop3Principal>;
}

/**
 * Runs this server's POP3 listeners as its directory entry says: per enabled POP3 virtual server, POP3
 * with STLS on its port (110) and implicit TLS on its TLS port (995). Follows changes every few
 * seconds without a restart (a new port moves the listener, new settings apply to the next session, a
 * new certificate to the next handshake); drains on shutdown.
 */
@Injectable()
export class Pop3ListenerManager implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('POP3');
  private readonly running = new Map<string, Running>();
  private readonly failures = new Map<string, string>();
  private readonly draining = new Set<Promise<void>>();
  private readonly adapter: Pop3BackendAdapter;
  private serverId: string | null = null;
  private tls: TlsMaterial | null = null;
  private tlsVersion: string | null = null;
  private readonly reconciler: ListenerReconciler;

  constructor(
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly servers: ServerService,
    private readonly virtualServers: VirtualServerService,
    private readonly tlsMaterial: TlsMaterialService,
    private readonly registry: ListenerRegistry,
    mailLogin: MailLoginService,
    mailboxes: MailboxService,
    folders: FolderService,
    messages: MessageService,
    @Inject(BLOB_STORE) blobs: BlobStore,
    locks: Pop3MaildropLockRepository,
  ) {
    this.adapter = new Pop3BackendAdapter({ mailLogin, mailboxes, folders, messages, blobs, locks });
    this.reconciler = new ListenerReconciler('pop3', registry, this.logger, () => this.reconcile());
  }

  onApplicationBootstrap(): void {
    this.reconciler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reconciler.stop();
    const closing = [...this.running.values()].map((r) => this.stop(r));
    this.running.clear();
    await Promise.all([...closing, ...this.draining]);
  }

  /** One reconciliation pass now (tests call it after changing the virtual server). */
  refresh(): Promise<boolean> {
    return this.reconciler.refresh();
  }

  private async reconcile(): Promise<boolean> {
    this.serverId ??=
      (await this.servers.list()).find((s) => s.name.toLowerCase() === this.config.hostname.toLowerCase())?.id ?? null;
    if (!this.serverId) return false;
    await this.refreshTls(this.serverId);
    const wanted = planPop3Listeners(await this.virtualServers.listByServer(this.serverId));
    for (const [key, running] of this.running) {
      const spec = wanted.find((s) => s.key === key);
      if (!spec || spec.host !== running.spec.host || spec.port !== running.spec.port) {
        this.running.delete(key);
        this.draining.add(this.stop(running));
      }
    }
    for (const spec of wanted) {
      const running = this.running.get(spec.key);
      if (!running) await this.start(spec);
      else if (JSON.stringify(running.spec) !== JSON.stringify(spec)) {
        running.server.reconfigure(spec.settings);
        this.registry.delete(`${running.spec.virtualServerName}/${running.spec.role}`);
        running.spec = spec;
        this.register(spec, running.server);
      }
    }
    for (const key of this.failures.keys()) if (!wanted.some((s) => s.key === key)) this.failures.delete(key);
    for (const role of ['pop3', 'pop3s'] as const) {
      const first = wanted.map((s) => this.running.get(s.key)).find((r) => r?.spec.role === role);
      if (first?.server.port) this.registry.set(role, first.server.port);
      else this.registry.delete(role);
    }
    return true;
  }

  private async refreshTls(serverId: string): Promise<void> {
    const version = await this.tlsMaterial.version(serverId);
    if (this.tls && version === this.tlsVersion) return;
    this.tls = await this.tlsMaterial.current(serverId);
    this.tlsVersion = version;
    for (const { server } of this.running.values()) server.updateTls(this.pem());
  }

  private pem(): { key: string; cert: string } | null {
    return this.tls ? { key: this.tls.privateKeyPem, cert: this.tls.certificatePem } : null;
  }

  private async start(spec: Pop3ListenerSpec): Promise<void> {
    const label = `${spec.virtualServerName}/${spec.role}`;
    const server = new Pop3Server<Pop3Principal>(
      {
        ...spec.settings,
        host: spec.host,
        port: spec.port,
        implicitTls: spec.role === 'pop3s',
        tls: this.pem(),
        serverName: this.config.hostname,
        label,
        closeTimeoutMs: DRAIN_MS,
      },
      this.adapter,
      (error) => this.logger.debug(`${label}: ${error.message}`),
    );
    try {
      const port = await server.listen();
      this.failures.delete(spec.key);
      this.running.set(spec.key, { spec, server });
      this.register(spec, server);
      this.logger.log(`${spec.virtualServerName}: ${spec.role} listening on ${spec.host}:${port}`);
    } catch (error) {
      const message = `${label}: cannot listen on ${spec.host}:${spec.port}: ${(error as Error).message}`;
      if (this.failures.get(spec.key) !== message) this.logger.error(message);
      this.failures.set(spec.key, message);
      await server.close();
    }
  }

  private stop(running: Running): Promise<void> {
    this.registry.delete(`${running.spec.virtualServerName}/${running.spec.role}`);
    const done = running.server.close().then(() => {
      this.draining.delete(done);
    });
    return done;
  }

  private register(spec: Pop3ListenerSpec, server: Pop3Server<Pop3Principal>): void {
    if (server.port !== null) this.registry.set(`${spec.virtualServerName}/${spec.role}`, server.port);
  }
}
