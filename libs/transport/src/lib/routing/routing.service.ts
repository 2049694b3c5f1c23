import { Inject, Injectable } from '@nestjs/common';
import {
  InformationStoreService,
  RoutingGroupConnectorService,
  ServerService,
  SmtpConnectorService,
  VirtualServerService,
} from '@estafette/directory';
import { TransportClock } from '../clock';
import { TRANSPORT_OPTIONS, type TransportOptions } from '../transport-options';
import type { Destination } from '../categorizer/categorizer';
import { RoutePlanner, type Topology } from './route-planner';
import { unreachableHop, type NextHop } from './next-hop';

function domainOf(address: string): string {
  return address
    .slice(address.lastIndexOf('@') + 1)
    .toLowerCase()
    .replace(/\.$/, '');
}

/**
 * Routing over the directory's topology. The topology is read at most every `topologyCacheMs`, so
 * a burst of messages routes on one snapshot and a change reaches routing within seconds.
 */
@Injectable()
export class RoutingService {
  private cached: { at: number; topology: Promise<Topology> } | null = null;

  constructor(
    @Inject(TRANSPORT_OPTIONS) private readonly options: TransportOptions,
    private readonly clock: TransportClock,
    private readonly servers: ServerService,
    private readonly routingGroupConnectors: RoutingGroupConnectorService,
    private readonly smtpConnectors: SmtpConnectorService,
    private readonly stores: InformationStoreService,
    private readonly virtualServers: VirtualServerService,
  ) {}

  async route(destination: Destination): Promise<NextHop> {
    const planner = new RoutePlanner(await this.topology());
    if (destination.kind === 'mailbox') return planner.forMailboxStore(destination.mailboxStoreId);
    if (destination.kind === 'public-folder') {
      // The public folder store's server stores the item; another server gets it over SMTP by its address.
      const hop = planner.forMailboxStore(destination.publicStoreId);
      if (hop.route.kind !== 'local') return hop;
      const { publicFolderId, publicStoreId } = destination;
      return { ...hop, route: { kind: 'local', publicFolderId, publicStoreId } };
    }
    const domain = domainOf(destination.address);
    if (!domain || domain.startsWith('['))
      return unreachableHop(`${destination.address}: address literals are not routed`);
    return planner.forExternalDomain(domain);
  }

  /** Forgets the cached topology (an administrator changed it, or a route failed). */
  invalidate(): void {
    this.cached = null;
  }

  topology(): Promise<Topology> {
    const now = this.clock.now().getTime();
    if (!this.cached || now - this.cached.at > this.options.topologyCacheMs || now < this.cached.at) {
      const loading = this.load();
      this.cached = { at: now, topology: loading };
      loading.catch(() => {
        if (this.cached?.topology === loading) this.cached = null;
      });
    }
    return this.cached.topology;
  }

  private async load(): Promise<Topology> {
    const [servers, rgcs, connectors, stores] = await Promise.all([
      this.servers.list(),
      this.routingGroupConnectors.list(),
      this.smtpConnectors.list(),
      // Mailbox stores home mailboxes, public folder stores public folder items: both route to their server.
      this.stores.list({}),
    ]);
    const smtpPort = new Map<string, number>();
    for (const server of servers) {
      const smtp = (await this.virtualServers.listByServer(server.id)).find(
        (vs) => vs.protocol === 'smtp' && vs.enabled,
      );
      if (smtp) smtpPort.set(server.id, smtp.port);
    }
    const name = this.options.serverName.toLowerCase();
    const local = servers.find((s) => s.name.toLowerCase() === name) ?? null;
    return {
      local: local && { id: local.id, name: local.name, routingGroupId: local.routingGroupId },
      servers: servers.map((s) => ({ id: s.id, name: s.name, routingGroupId: s.routingGroupId })),
      routingGroupConnectors: rgcs,
      smtpConnectors: connectors,
      storeServer: new Map(stores.map((s) => [s.id, s.serverId])),
      smtpPort,
    };
  }
}
