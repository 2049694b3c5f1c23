import type { AddressSpace, ConnectorScope } from '@estafette/contracts';
import { matchSpecificity, normalizeDomain } from './address-space';

/** What routing needs to know of a connector; SmtpConnectorDto satisfies it. */
export interface RoutableSmtpConnector {
  id: string;
  name: string;
  routingGroupId: string;
  addressSpaces: AddressSpace[];
  scope: ConnectorScope;
  enabled: boolean;
}

export interface SmtpConnectorChoice<C extends RoutableSmtpConnector> {
  connector: C;
  /** The address space that matched. */
  addressSpace: AddressSpace;
}

/**
 * Picks the SMTP connector for a recipient domain, as Exchange routing did:
 * the most specific matching address space wins, then the lowest cost.
 * Disabled connectors are ignored. When `fromRoutingGroupId` is given, a
 * connector scoped to a routing group serves only senders in that group;
 * without it every connector counts. Equal candidates are broken by name and
 * id so the answer is stable (load balancing over them is transport's choice).
 * Null: no connector matches (deliver by DNS MX, or not at all).
 */
export function selectSmtpConnector<C extends RoutableSmtpConnector>(
  connectors: readonly C[],
  domain: string,
  fromRoutingGroupId?: string,
): SmtpConnectorChoice<C> | null {
  const target = normalizeDomain(domain);
  let best: { choice: SmtpConnectorChoice<C>; specificity: number } | null = null;
  for (const connector of connectors) {
    if (!connector.enabled) continue;
    if (fromRoutingGroupId && connector.scope === 'routing-group' && connector.routingGroupId !== fromRoutingGroupId)
      continue;
    for (const addressSpace of connector.addressSpaces) {
      if (addressSpace.type !== 'SMTP') continue;
      const specificity = matchSpecificity(addressSpace, target);
      if (specificity < 0) continue;
      const candidate = { choice: { connector, addressSpace }, specificity };
      if (!best || better(candidate, best)) best = candidate;
    }
  }
  return best?.choice ?? null;
}

interface Ranked {
  choice: SmtpConnectorChoice<RoutableSmtpConnector>;
  specificity: number;
}

function better(a: Ranked, b: Ranked): boolean {
  if (a.specificity !== b.specificity) return a.specificity > b.specificity;
  if (a.choice.addressSpace.cost !== b.choice.addressSpace.cost)
    return a.choice.addressSpace.cost < b.choice.addressSpace.cost;
  // Code-unit order, not localeCompare: the answer must not depend on the process locale.
  const nameA = a.choice.connector.name.toLowerCase();
  const nameB = b.choice.connector.name.toLowerCase();
  if (nameA !== nameB) return nameA < nameB;
  return a.choice.connector.id < b.choice.connector.id;
}
