import { parseSmartHost, selectSmtpConnector, type RoutableSmtpConnector } from '@estafette/directory';
import { leastCostPath, type ConnectorEdge } from './least-cost-path';
import { localHop, unreachableHop, type NextHop } from './next-hop';

export interface TopologyServer {
  id: string;
  name: string;
  routingGroupId: string;
}

export interface TopologySmtpConnector extends RoutableSmtpConnector {
  smartHost: string | null;
  bridgeheadServerIds: string[];
}

/** The organisation's routing topology as one server sees it at one moment. */
export interface Topology {
  /** This server; null until it has registered (first run). */
  local: TopologyServer | null;
  servers: readonly TopologyServer[];
  routingGroupConnectors: readonly ConnectorEdge[];
  smtpConnectors: readonly TopologySmtpConnector[];
  /** Mailbox store id -> the server that homes it. */
  storeServer: ReadonlyMap<string, string>;
  /** Server id -> the port of its SMTP virtual server (where other servers deliver to it). */
  smtpPort: ReadonlyMap<string, number>;
}

function byName(a: TopologyServer, b: TopologyServer): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
}

/**
 * Routing: mailbox -> home store -> server -> routing group, then the least-cost path of routing
 * group connectors; external domains by the SMTP connectors' address spaces (most specific, then
 * cheapest) or DNS MX. Pure: the topology comes in, a next hop goes out.
 */
export class RoutePlanner {
  private readonly servers: Map<string, TopologyServer>;

  constructor(private readonly topology: Topology) {
    this.servers = new Map(topology.servers.map((s) => [s.id, s]));
  }

  /** The next hop towards the server that homes an information store (mailbox or public folder store). */
  forMailboxStore(storeId: string): NextHop {
    const serverId = this.topology.storeServer.get(storeId);
    if (!serverId) return unreachableHop(`information store ${storeId} does not exist`);
    return this.towardsServer(serverId);
  }

  /** The next hop for a recipient outside the organisation. */
  forExternalDomain(domain: string): NextHop {
    const local = this.topology.local;
    const choice = selectSmtpConnector(this.topology.smtpConnectors, domain, local?.routingGroupId);
    if (!choice) return { queue: `domain:${domain}`, kind: 'mx', route: { kind: 'mx', domain, connector: null } };
    const connector = choice.connector;
    if (!local) return unreachableHop('this server is not registered in the organisation yet');
    // A connector of another routing group: carry the message to one of its bridgeheads.
    if (connector.routingGroupId !== local.routingGroupId) {
      const bridgehead = this.pick(connector.bridgeheadServerIds) ?? this.memberOf(connector.routingGroupId);
      if (!bridgehead) return unreachableHop(`connector ${connector.name} has no server to send through`);
      if (bridgehead.id !== local.id) return this.towardsServer(bridgehead.id);
    } else if (connector.bridgeheadServerIds.length > 0 && !connector.bridgeheadServerIds.includes(local.id)) {
      // Ours, but sent through another server of this routing group.
      const bridgehead = this.pick(connector.bridgeheadServerIds);
      if (!bridgehead) return unreachableHop(`connector ${connector.name} has no server to send through`);
      return this.serverHop(bridgehead);
    }
    if (connector.smartHost) {
      const smartHost = parseSmartHost(connector.smartHost);
      if (!smartHost)
        return unreachableHop(`connector ${connector.name}: "${connector.smartHost}" is not a smart host`);
      return {
        queue: `connector:${connector.name}`,
        kind: 'smart-host',
        route: { kind: 'smart-host', connector: connector.name, ...smartHost },
      };
    }
    return { queue: `domain:${domain}`, kind: 'mx', route: { kind: 'mx', domain, connector: connector.name } };
  }

  /** The next hop towards another server: itself in this routing group, else along the least-cost path. */
  towardsServer(serverId: string): NextHop {
    const local = this.topology.local;
    if (!local) return unreachableHop('this server is not registered in the organisation yet');
    if (serverId === local.id) return localHop();
    const target = this.servers.get(serverId);
    if (!target) return unreachableHop(`server ${serverId} does not exist`);
    if (target.routingGroupId === local.routingGroupId) return this.serverHop(target);
    const path = leastCostPath(this.topology.routingGroupConnectors, local.routingGroupId, target.routingGroupId);
    if (!path || path.connectors.length === 0)
      return unreachableHop(`no routing group connector path leads to the routing group of ${target.name}`);
    const first = path.connectors[0];
    // The connector leaves from its source bridgeheads: another server of ours may have to carry it first.
    if (first.sourceBridgeheadIds.length > 0 && !first.sourceBridgeheadIds.includes(local.id)) {
      const bridgehead = this.pick(first.sourceBridgeheadIds);
      if (bridgehead) return this.serverHop(bridgehead);
    }
    const next =
      this.pick(first.targetBridgeheadIds) ??
      (first.targetRoutingGroupId === target.routingGroupId ? target : this.memberOf(first.targetRoutingGroupId));
    if (!next) return unreachableHop(`routing group connector ${first.name} leads to a routing group without servers`);
    return this.serverHop(next);
  }

  private serverHop(server: TopologyServer): NextHop {
    if (server.id === this.topology.local?.id) return localHop();
    return {
      queue: `server:${server.name.toLowerCase()}`,
      kind: 'server',
      route: {
        kind: 'server',
        serverId: server.id,
        host: server.name,
        port: this.topology.smtpPort.get(server.id) ?? 25,
      },
    };
  }

  /** The first of some servers by name (every server picks the same one). */
  private pick(ids: readonly string[]): TopologyServer | null {
    const found = ids.map((id) => this.servers.get(id)).filter((s): s is TopologyServer => s !== undefined);
    return found.sort(byName)[0] ?? null;
  }

  private memberOf(routingGroupId: string): TopologyServer | null {
    return this.topology.servers.filter((s) => s.routingGroupId === routingGroupId).sort(byName)[0] ?? null;
  }
}
