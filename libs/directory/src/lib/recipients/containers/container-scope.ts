import type { Scope } from '@estafette/security';

/** A container and its parents, nearest first. */
export interface ContainerChain {
  id: string;
  ancestors: string[];
}

export function containerScope(chain: ContainerChain): Scope {
  return { type: 'recipient-container', id: chain.id, ancestors: chain.ancestors };
}

/**
 * The smallest scope covering two containers: their lowest common ancestor. Moving an object from one
 * container to another needs rights over both, and a role on the common ancestor is what covers both.
 * Without a common ancestor only the organisation covers both.
 */
export function commonScope(a: ContainerChain, b: ContainerChain): Scope {
  const chainA = [a.id, ...a.ancestors];
  const inB = new Set([b.id, ...b.ancestors]);
  const index = chainA.findIndex((id) => inB.has(id));
  if (index < 0) return { type: 'organization' };
  return { type: 'recipient-container', id: chainA[index], ancestors: chainA.slice(index + 1) };
}
