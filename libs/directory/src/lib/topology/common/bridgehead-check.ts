import type { EntityManager } from 'typeorm';
import type { FieldProblem } from './field-error';
import type { ServerRepository } from '../servers/server.repository';

/**
 * Bridgeheads are the member servers of a routing group that carry a
 * connector's mail; a server elsewhere (or unknown) cannot be one.
 */
export async function bridgeheadProblems(
  servers: ServerRepository,
  manager: EntityManager,
  field: string,
  routingGroupId: string,
  serverIds: string[],
): Promise<FieldProblem[]> {
  if (serverIds.length === 0) return [];
  const members = await servers.findMembersAmong(manager, routingGroupId, serverIds);
  return serverIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !members.has(id))
    .map(({ id, i }) => ({ field: `${field}.${i}`, message: `server ${id} is not a member of the routing group` }));
}
