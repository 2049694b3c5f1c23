import type { Request } from 'express';
import type { ContainerScopeResolver } from '@estafette/directory';
import type { Scope, ScopeResolver } from '@estafette/security';
import { resolverOf } from './container-scope.middleware';

/**
 * ScopeResolvers for @RequirePermission on recipient and container routes, so that an administrator
 * delegated on a recipient container can manage what is inside it. Without the middleware (miswired)
 * they fall back to the organisation scope: fail closed, only organisation administrators pass.
 */
function scoped(pick: (resolver: ContainerScopeResolver, req: Request) => Promise<Scope>): ScopeResolver {
  return (req: Request) => {
    const resolver = resolverOf(req);
    return resolver ? pick(resolver, req) : { type: 'organization' };
  };
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}

function bodyField(req: Request, name: string): unknown {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function optionalId(value: unknown): string | null | undefined {
  return typeof value === 'string' || value === null ? value : undefined;
}

/** The container of the recipient in :id. */
export const recipientScope = scoped((r, req) => r.ofRecipient(param(req, 'id')));

/** Editing a recipient; moving it (body.containerId) needs a role over both containers. */
export const recipientEditScope = scoped((r, req) => {
  const target = optionalId(bodyField(req, 'containerId'));
  return typeof target === 'string' ? r.ofRecipientMove(param(req, 'id'), target) : r.ofRecipient(param(req, 'id'));
});

/** Creating a recipient: the container it goes to (default Users). */
export const newRecipientScope = scoped((r, req) => r.ofNewRecipient(optionalId(bodyField(req, 'containerId'))));

/** Listing recipients: the container filtered on (?containerId), else the organisation. */
export const recipientListScope = scoped((r, req) => {
  const containerId = req.query['containerId'];
  return r.ofContainer(typeof containerId === 'string' ? containerId : null);
});

/** The container in :id itself. */
export const containerScope = scoped((r, req) => r.ofContainer(param(req, 'id')));

/** Creating a container: its parent (top level: the organisation). */
export const newContainerScope = scoped((r, req) => r.ofContainer(optionalId(bodyField(req, 'parentId'))));

/** Editing a container; re-parenting needs a role over the container and its new parent. */
export const containerEditScope = scoped((r, req) => {
  const parentId = optionalId(bodyField(req, 'parentId'));
  return parentId === undefined ? r.ofContainer(param(req, 'id')) : r.ofMove(param(req, 'id'), parentId);
});

/** Deleting a container: where it hangs. */
export const containerDeleteScope = scoped((r, req) => r.ofParentOf(param(req, 'id')));
