/** A routing group connector as routing sees it: one direction, from one routing group to another. */
export interface ConnectorEdge {
  id: string;
  name: string;
  sourceRoutingGroupId: string;
  targetRoutingGroupId: string;
  cost: number;
  enabled: boolean;
  sourceBridgeheadIds: string[];
  targetBridgeheadIds: string[];
}

export interface ConnectorPath<E extends ConnectorEdge> {
  /** The connectors in travel order; empty when source and target are the same routing group. */
  connectors: E[];
  cost: number;
}

interface Label<E> {
  cost: number;
  hops: number;
  /** Connector names along the path, to break equal-cost ties the same way every time. */
  key: string;
  via: E | null;
  previous: string | null;
}

function better<E>(a: Label<E>, b: Label<E>): boolean {
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.hops !== b.hops) return a.hops < b.hops;
  return a.key < b.key;
}

/**
 * Exchange's link state routing picked the path of lowest total connector cost (Dijkstra over the
 * routing groups, connectors as one-way edges), then the one with fewer hops. Disabled connectors
 * are links that are down. Remaining ties go to the path whose connector names sort first, so that
 * every server of the organisation computes the same route. Null: the target cannot be reached.
 */
export function leastCostPath<E extends ConnectorEdge>(
  connectors: readonly E[],
  fromRoutingGroupId: string,
  toRoutingGroupId: string,
): ConnectorPath<E> | null {
  const labels = new Map<string, Label<E>>([
    [fromRoutingGroupId, { cost: 0, hops: 0, key: '', via: null, previous: null }],
  ]);
  const done = new Set<string>();
  const usable = connectors.filter((c) => c.enabled && c.sourceRoutingGroupId !== c.targetRoutingGroupId);
  for (;;) {
    let current: string | null = null;
    for (const [group, label] of labels) {
      if (done.has(group)) continue;
      if (current === null || better(label, labels.get(current) as Label<E>)) current = group;
    }
    if (current === null) return null;
    if (current === toRoutingGroupId) break;
    done.add(current);
    const here = labels.get(current) as Label<E>;
    for (const edge of usable) {
      if (edge.sourceRoutingGroupId !== current || done.has(edge.targetRoutingGroupId)) continue;
      const candidate: Label<E> = {
        cost: here.cost + edge.cost,
        hops: here.hops + 1,
        key: `${here.key}\u0000${edge.name.toLowerCase()}\u0000${edge.id}`,
        via: edge,
        previous: current,
      };
      const known = labels.get(edge.targetRoutingGroupId);
      if (!known || better(candidate, known)) labels.set(edge.targetRoutingGroupId, candidate);
    }
  }
  const path: E[] = [];
  for (let group = toRoutingGroupId; ;) {
    const label = labels.get(group) as Label<E>;
    if (!label.via || label.previous === null) break;
    path.unshift(label.via);
    group = label.previous;
  }
  return { connectors: path, cost: (labels.get(toRoutingGroupId) as Label<E>).cost };
}
