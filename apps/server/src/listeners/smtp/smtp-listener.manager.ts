import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { OrganizationDto, VirtualServerDto } from '@estafette/contracts';
import { OrganizationService, RecipientResolver, ServerService, VirtualServerService } from '@estafette/directory';
import { SmtpListener } from '@estafette/protocols-smtp';
import { MailLoginService } from '@estafette/security';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';
import { ListenerRegistry } from '../listener-registry';
import { TlsMaterialService, type TlsMaterial } from '../tls/tls-material.service';
import { InboundAuthenticator } from './inbound-auth/inbound-authenticator';
import { SmtpMessageSink } from './message-sink';
import { SendQuota } from './send-quota';
import { SmtpBackendAdapter, type SmtpBackendDependencies } from './smtp-backend.adapter';
import { planSmtpListeners, sameBinding, sameSettings, type ListenerSpec } from './smtp-listener-plan';
import type { SmtpPrincipal } from './smtp-principal';

/** How often the directory is read for changes to the virtual servers, the limits and the certificate. */
export const LISTENER_POLL_MS = 2000;
/** While this server has not been registered yet (first start), look again this often, for so long. */
const STARTUP_RETRY_MS = 50;
const STARTUP_WAIT_MS = 30_000;
/** On shutdown or when a listener moves, sessions may go on this long before they get 421. */
const DRAIN_MS = 10_000;

/** The role names of ServerConfig.ports, for the first SMTP virtual server. */
const ROLE_NAMES = { mx: 'smtp', submission: 'submission', smtps: 'smtps' } as const;

interface Running {
  spec: ListenerSpec;
  listener: SmtpListener<SmtpPrincipal>;
}

/**
 * Runs this server's SMTP listeners as its directory entry says: one set per enabled SMTP virtual
 * server (MX on `port`, submission on `settings.submissionPort`, implicit TLS on `tlsPort`). It reads
 * the directory every few seconds and follows changes without a restart: a new port or address
 * moves the listener (the old one drains), new limits apply to the next session, a new certificate
 * to the next TLS handshake. On shutdown it stops accepting, lets sessions finish for a while, then
 * closes them.
 */
@Injectable()
export class SmtpListenerManager implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SMTP');
  private readonly running = new Map<string, Running>();
  private readonly virtualServers = new Map<string, VirtualServerDto>();
  private readonly failures = new Map<string, string>();
  private readonly draining = new Set<Promise<void>>();
  private readonly deps: SmtpBackendDependencies;
  private serverId: string | null = null;
  private tls: TlsMaterial | null = null;
  private tlsVersion: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private pass: Promise<void> = Promise.resolve();

  constructor(
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly servers: ServerService,
    private readonly virtualServerService: VirtualServerService,
    private readonly organization: OrganizationService,
    private readonly tlsMaterial: TlsMaterialService,
    private readonly registry: ListenerRegistry,
    mailLogin: MailLoginService,
    resolver: RecipientResolver,
    quota: SendQuota,
    sink: SmtpMessageSink,
    inbound: InboundAuthenticator,
  ) {
    this.deps = { mailLogin, resolver, quota, sink, inbound };
  }

  /**
   * Not awaited: the Server object is created by first-run setup, whose bootstrap hook runs after this
   * module's. The listeners start as soon as it exists; ListenerRegistry.ready() tells when.
   */
  onApplicationBootstrap(): void {
    this.registry.starting('smtp');
    const first = async (): Promise<void> => {
      const giveUp = Date.now() + STARTUP_WAIT_MS;
      while (!this.stopped) {
        try {
          if (await this.refresh()) break;
        } catch (error) {
          this.logger.error(`starting the SMTP listeners failed: ${(error as Error).message}`);
          break;
        }
        if (Date.now() > giveUp) {
          // Nothing waits on us forever; the poll below starts the listeners once the server appears.
          this.logger.warn(
            `server ${this.config.hostname} is not in the directory yet; SMTP listeners start when it is`,
          );
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, STARTUP_RETRY_MS));
      }
      this.registry.settle('smtp');
      this.schedule();
    };
    void first();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // A pass in progress finishes first (it may be starting a listener); it never gets to hold shutdown up.
    await Promise.race([this.pass, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    const closing = [...this.running.values()].map((r) => this.stop(r));
    this.running.clear();
    await Promise.all([...closing, ...this.draining]);
  }

  /**
   * One reconciliation: read the directory, then start, move, reconfigure or stop listeners. Passes
   * never overlap. Resolves false while this server is not registered yet.
   */
  refresh(): Promise<boolean> {
    const run = this.pass.then(() => this.reconcile());
    this.pass = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refresh()
        .catch((error: unknown) =>
          this.logger.error(`reading the SMTP virtual servers failed: ${(error as Error).message}`),
        )
        .finally(() => this.schedule());
    }, LISTENER_POLL_MS);
    this.timer.unref();
  }

  private async reconcile(): Promise<boolean> {
    if (this.stopped) return true;
    const serverId = await this.localServerId();
    if (!serverId) return false;
    const [virtualServers, organization] = await Promise.all([
      this.virtualServerService.listByServer(serverId),
      this.organization.get(),
    ]);
    await this.refreshTls(serverId);
    const smtp = virtualServers.filter((vs) => vs.protocol === 'smtp');
    this.virtualServers.clear();
    for (const vs of smtp) this.virtualServers.set(vs.id, vs);
    const wanted = planSmtpListeners(smtp, organization as OrganizationDto);
    const wantedKeys = new Set(wanted.map((s) => s.key));

    for (const [key, running] of this.running) {
      const spec = wanted.find((s) => s.key === key);
      if (!spec || !sameBinding(running.spec, spec)) {
        this.running.delete(key);
        this.draining.add(this.stop(running));
      }
    }
    for (const spec of wanted) {
      const running = this.running.get(spec.key);
      if (running) {
        if (
          !sameSettings(running.spec.settings, spec.settings) ||
          running.spec.virtualServerName !== spec.virtualServerName
        ) {
          running.listener.reconfigure(this.listenerSettings(spec));
          this.unregister(running.spec);
          running.spec = spec;
          this.register(spec, running.listener);
        }
        continue;
      }
      await this.start(spec);
    }
    for (const key of this.failures.keys()) if (!wantedKeys.has(key)) this.failures.delete(key);
    this.registerRoleNames(wanted);
    return true;
  }

  private async localServerId(): Promise<string | null> {
    if (this.serverId) return this.serverId;
    const name = this.config.hostname.toLowerCase();
    this.serverId = (await this.servers.list()).find((s) => s.name.toLowerCase() === name)?.id ?? null;
    return this.serverId;
  }

  private async refreshTls(serverId: string): Promise<void> {
    const version = await this.tlsMaterial.version(serverId);
    if (this.tls && version === this.tlsVersion) return;
    const material = await this.tlsMaterial.current(serverId);
    const changed = this.tls !== null && this.tls.fingerprintSha256 !== material.fingerprintSha256;
    this.tls = material;
    this.tlsVersion = version;
    if (!changed) return;
    this.logger.log(`TLS certificate changed to ${material.facts.subject} (${material.source}); new sessions use it`);
    for (const { listener } of this.running.values()) {
      listener.updateTls({ key: material.privateKeyPem, cert: material.certificatePem });
    }
  }

  private listenerSettings(spec: ListenerSpec) {
    return {
      maxMessageBytes: spec.settings.maxMessageBytes,
      maxRecipients: spec.settings.maxRecipients,
      maxConnections: spec.settings.maxConnections,
      idleTimeoutMs: spec.settings.idleTimeoutMs,
      allowPlaintextAuth: spec.settings.allowPlaintextAuth,
    };
  }

  private async start(spec: ListenerSpec): Promise<void> {
    // Sessions of a listener that is being removed keep the last settings they knew.
    let known = this.virtualServers.get(spec.virtualServerId) as VirtualServerDto;
    const adapter = new SmtpBackendAdapter(this.deps, () => {
      known = this.virtualServers.get(spec.virtualServerId) ?? known;
      return known;
    });
    const tls = this.tls ? { key: this.tls.privateKeyPem, cert: this.tls.certificatePem } : null;
    const listener = new SmtpListener<SmtpPrincipal>(
      {
        mode: spec.mode,
        serverName: this.config.hostname,
        label: `${spec.virtualServerName}/${spec.mode}`,
        host: spec.host,
        port: spec.port,
        tls,
        authMethods: spec.settings.authMethods,
        closeTimeoutMs: DRAIN_MS,
        ...this.listenerSettings(spec),
      },
      adapter,
      (error) => this.logger.debug(`${spec.virtualServerName}/${spec.mode}: ${error.message}`),
    );
    try {
      const port = await listener.listen();
      this.failures.delete(spec.key);
      this.running.set(spec.key, { spec, listener });
      this.register(spec, listener);
      this.logger.log(`${spec.virtualServerName}: ${spec.mode} listening on ${spec.host}:${port}`);
    } catch (error) {
      const message = `${spec.virtualServerName}: cannot listen for ${spec.mode} on ${spec.host}:${spec.port}: ${(error as Error).message}`;
      // Retried at every poll; said once until it changes.
      if (this.failures.get(spec.key) !== message) this.logger.error(message);
      this.failures.set(spec.key, message);
      await listener.close();
    }
  }

  private stop(running: Running): Promise<void> {
    this.unregister(running.spec);
    const done = running.listener.close().then(() => {
      this.draining.delete(done);
    });
    return done;
  }

  private register(spec: ListenerSpec, listener: SmtpListener<SmtpPrincipal>): void {
    if (listener.port !== null) this.registry.set(`${spec.virtualServerName}/${ROLE_NAMES[spec.mode]}`, listener.port);
  }

  private unregister(spec: ListenerSpec): void {
    this.registry.delete(`${spec.virtualServerName}/${ROLE_NAMES[spec.mode]}`);
  }

  /** 'smtp', 'submission', 'smtps': the listeners of the first SMTP virtual server that has them. */
  private registerRoleNames(wanted: readonly ListenerSpec[]): void {
    for (const mode of ['mx', 'submission', 'smtps'] as const) {
      const spec = wanted.find((s) => s.mode === mode && this.running.has(s.key));
      const port = spec ? this.running.get(spec.key)?.listener.port : null;
      if (port) this.registry.set(ROLE_NAMES[mode], port);
      else this.registry.delete(ROLE_NAMES[mode]);
    }
  }
}
