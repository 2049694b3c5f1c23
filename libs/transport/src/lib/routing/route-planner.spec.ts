import { describe, expect, it } from 'vitest';
import type { ConnectorEdge } from './least-cost-path';
import { RoutePlanner, type Topology, type TopologySmtpConnector } from './route-planner';

const server = (id: string, name: string, routingGroupId: string) => ({ id, name, routingGroupId });
const S1 = server('s1', 'mail1.contoso.example', 'rgA');
const S2 = server('s2', 'mail2.contoso.example', 'rgA');
const S3 = server('s3', 'mail3.contoso.example', 'rgB');
const S4 = server('s4', 'mail4.contoso.example', 'rgC');
const S5 = server('s5', 'mail5.contoso.example', 'rgC');

function rgc(
  id: string,
  source: string,
  target: string,
  cost: number,
  extra: Partial<ConnectorEdge> = {},
): ConnectorEdge {
  return {
    id,
    name: id,
    sourceRoutingGroupId: source,
    targetRoutingGroupId: target,
    cost,
    enabled: true,
    sourceBridgeheadIds: [],
    targetBridgeheadIds: [],
    ...extra,
  };
}

function smtp(
  name: string,
  routingGroupId: string,
  address: string,
  cost: number,
  extra: Partial<TopologySmtpConnector> = {},
): TopologySmtpConnector {
  return {
    id: name,
    name,
    routingGroupId,
    addressSpaces: [{ type: 'SMTP', address, cost }],
    scope: 'organization',
    enabled: true,
    smartHost: null,
    bridgeheadServerIds: [],
    ...extra,
  };
}

function topology(extra: Partial<Topology> = {}): Topology {
  return {
    local: S1,
    servers: [S1, S2, S3, S4, S5],
    routingGroupConnectors: [rgc('A-B', 'rgA', 'rgB', 1), rgc('B-C', 'rgB', 'rgC', 1), rgc('A-C', 'rgA', 'rgC', 5)],
    smtpConnectors: [],
    storeServer: new Map([
      ['store1', 's1'],
      ['store2', 's2'],
      ['store3', 's3'],
      ['store4', 's4'],
    ]),
    smtpPort: new Map([
      ['s2', 2525],
      ['s3', 25],
    ]),
    ...extra,
  };
}

describe('route planner', () => {
  it('delivers locally to mailboxes homed on this server', () => {
    expect(new RoutePlanner(topology()).forMailboxStore('store1')).toEqual({
      queue: 'local',
      kind: 'local',
      route: { kind: 'local' },
    });
  });

  it('sends straight to another server of the same routing group, on its SMTP port', () => {
    expect(new RoutePlanner(topology()).forMailboxStore('store2')).toEqual({
      queue: 'server:mail2.contoso.example',
      kind: 'server',
      route: { kind: 'server', serverId: 's2', host: 'mail2.contoso.example', port: 2525 },
    });
  });

  it('follows the least-cost path of routing group connectors', () => {
    // A->B->C costs 2, A->C costs 5: the first hop is rgB's server.
    expect(new RoutePlanner(topology()).forMailboxStore('store4').queue).toBe('server:mail3.contoso.example');
    const direct = topology({
      routingGroupConnectors: [rgc('A-B', 'rgA', 'rgB', 1), rgc('B-C', 'rgB', 'rgC', 1), rgc('A-C', 'rgA', 'rgC', 1)],
    });
    // Cheapest direct connector: straight to a server of rgC (the first by name without bridgeheads).
    expect(new RoutePlanner(direct).forMailboxStore('store4').queue).toBe('server:mail4.contoso.example');
  });

  it('uses bridgeheads: the target bridgehead, or a source bridgehead of ours first', () => {
    const withTarget = topology({
      routingGroupConnectors: [rgc('A-C', 'rgA', 'rgC', 1, { targetBridgeheadIds: ['s5'] })],
    });
    expect(new RoutePlanner(withTarget).forMailboxStore('store4').queue).toBe('server:mail5.contoso.example');
    const withSource = topology({
      routingGroupConnectors: [rgc('A-C', 'rgA', 'rgC', 1, { sourceBridgeheadIds: ['s2'] })],
    });
    expect(new RoutePlanner(withSource).forMailboxStore('store4').queue).toBe('server:mail2.contoso.example');
  });

  it('parks mail for unreachable routing groups and unknown stores', () => {
    const down = topology({ routingGroupConnectors: [rgc('A-B', 'rgA', 'rgB', 1, { enabled: false })] });
    expect(new RoutePlanner(down).forMailboxStore('store3')).toMatchObject({
      queue: 'unreachable',
      kind: 'unreachable',
    });
    expect(new RoutePlanner(topology()).forMailboxStore('nope').kind).toBe('unreachable');
    expect(new RoutePlanner(topology({ local: null })).forMailboxStore('store2').kind).toBe('unreachable');
  });

  it('sends external mail by DNS MX when no connector matches', () => {
    expect(new RoutePlanner(topology()).forExternalDomain('fabrikam.example')).toEqual({
      queue: 'domain:fabrikam.example',
      kind: 'mx',
      route: { kind: 'mx', domain: 'fabrikam.example', connector: null },
    });
  });

  it('picks the most specific connector, then the cheapest, and its smart host', () => {
    const connectors = [
      smtp('Internet', 'rgA', '*', 1, { smartHost: 'relay.isp.example:2525' }),
      smtp('Partner', 'rgA', '*.fabrikam.example', 10, { smartHost: '[192.0.2.25]' }),
      smtp('Partner cheap', 'rgA', '*.fabrikam.example', 5),
    ];
    const planner = new RoutePlanner(topology({ smtpConnectors: connectors }));
    expect(planner.forExternalDomain('sales.fabrikam.example')).toEqual({
      queue: 'domain:sales.fabrikam.example',
      kind: 'mx',
      route: { kind: 'mx', domain: 'sales.fabrikam.example', connector: 'Partner cheap' },
    });
    expect(planner.forExternalDomain('tailspin.example')).toEqual({
      queue: 'connector:Internet',
      kind: 'smart-host',
      route: { kind: 'smart-host', connector: 'Internet', host: 'relay.isp.example', port: 2525, literal: false },
    });
  });

  it('carries external mail to the connector bridgehead or to the connector routing group', () => {
    const viaColleague = topology({
      smtpConnectors: [smtp('Internet', 'rgA', '*', 1, { bridgeheadServerIds: ['s2'] })],
    });
    expect(new RoutePlanner(viaColleague).forExternalDomain('x.example').queue).toBe('server:mail2.contoso.example');
    const elsewhere = topology({ smtpConnectors: [smtp('Internet', 'rgC', '*', 1)] });
    expect(new RoutePlanner(elsewhere).forExternalDomain('x.example').queue).toBe('server:mail3.contoso.example');
    const ourselves = topology({
      smtpConnectors: [smtp('Internet', 'rgA', '*', 1, { bridgeheadServerIds: ['s1'], smartHost: 'relay.example' })],
    });
    expect(new RoutePlanner(ourselves).forExternalDomain('x.example').kind).toBe('smart-host');
  });
});
