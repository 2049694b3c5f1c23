import { describe, expect, it } from 'vitest';
import { leastCostPath, type ConnectorEdge } from './least-cost-path';

let n = 0;
function rgc(source: string, target: string, cost: number, extra: Partial<ConnectorEdge> = {}): ConnectorEdge {
  n += 1;
  return {
    id: `c${n}`,
    name: `${source}-${target}`,
    sourceRoutingGroupId: source,
    targetRoutingGroupId: target,
    cost,
    enabled: true,
    sourceBridgeheadIds: [],
    targetBridgeheadIds: [],
    ...extra,
  };
}

const names = (path: { connectors: ConnectorEdge[] } | null) => path?.connectors.map((c) => c.name) ?? null;

describe('least-cost path over routing group connectors', () => {
  // Exchange's classic example: Seattle -> London -> Brussels, or Seattle -> Tokyo -> Brussels.
  const seattleLondon = rgc('SEA', 'LON', 10);
  const londonBrussels = rgc('LON', 'BRU', 10);
  const seattleTokyo = rgc('SEA', 'TOK', 20);
  const tokyoBrussels = rgc('TOK', 'BRU', 20);
  const all = [seattleLondon, londonBrussels, seattleTokyo, tokyoBrussels];

  it('takes the cheapest path', () => {
    const path = leastCostPath(all, 'SEA', 'BRU');
    expect(names(path)).toEqual(['SEA-LON', 'LON-BRU']);
    expect(path?.cost).toBe(20);
  });

  it('takes the alternate path when a link is down', () => {
    const down = all.map((c) => (c === londonBrussels ? { ...c, enabled: false } : c));
    const path = leastCostPath(down, 'SEA', 'BRU');
    expect(names(path)).toEqual(['SEA-TOK', 'TOK-BRU']);
    expect(path?.cost).toBe(40);
  });

  it('prefers a cheaper multi-hop path over an expensive direct one', () => {
    const direct = rgc('SEA', 'BRU', 50);
    expect(names(leastCostPath([...all, direct], 'SEA', 'BRU'))).toEqual(['SEA-LON', 'LON-BRU']);
    expect(names(leastCostPath([...all, rgc('SEA', 'BRU', 20)], 'SEA', 'BRU'))).toEqual(['SEA-BRU']);
  });

  it('treats connectors as one-way', () => {
    expect(leastCostPath(all, 'BRU', 'SEA')).toBeNull();
    expect(names(leastCostPath([...all, rgc('BRU', 'SEA', 1)], 'BRU', 'SEA'))).toEqual(['BRU-SEA']);
  });

  it('returns an empty path inside one routing group', () => {
    expect(leastCostPath(all, 'LON', 'LON')).toEqual({ connectors: [], cost: 0 });
  });

  it('breaks equal costs by fewer hops, then by name, whatever the input order', () => {
    const a = rgc('X', 'Y', 2, { name: 'b-route' });
    const b = rgc('X', 'Y', 2, { name: 'a-route' });
    expect(names(leastCostPath([a, b], 'X', 'Y'))).toEqual(['a-route']);
    expect(names(leastCostPath([b, a], 'X', 'Y'))).toEqual(['a-route']);
    const twoHops = [rgc('X', 'M', 1), rgc('M', 'Z', 1)];
    const oneHop = rgc('X', 'Z', 2);
    expect(names(leastCostPath([...twoHops, oneHop], 'X', 'Z'))).toEqual(['X-Z']);
  });

  it('survives cycles and unreachable groups', () => {
    const cycle = [rgc('A', 'B', 1), rgc('B', 'C', 1), rgc('C', 'A', 1)];
    expect(names(leastCostPath(cycle, 'A', 'C'))).toEqual(['A-B', 'B-C']);
    expect(leastCostPath(cycle, 'A', 'Q')).toBeNull();
  });
});
