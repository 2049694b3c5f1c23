import type { AdminRole, RoleScopeType } from '@estafette/contracts';

/** What an endpoint needs. */
export type Permission = 'read' | 'write' | 'manage-roles';

/** Where the object an endpoint touches lives; delegation is checked against it. */
export type Scope =
  | { type: 'organization' }
  | { type: 'administrative-group'; id: string }
  /** ancestors: the container's parents up to the root, so a role on a parent covers its children. */
  | { type: 'recipient-container'; id: string; ancestors: string[] };

export const ORGANIZATION_SCOPE: Scope = { type: 'organization' };

const GRANTS: Record<AdminRole, readonly Permission[]> = {
  'full-administrator': ['read', 'write', 'manage-roles'],
  administrator: ['read', 'write'],
  'view-only-administrator': ['read'],
};

export interface Grant {
  role: AdminRole;
  scopeType: RoleScopeType;
  scopeId: string | null;
}

function covers(grant: Grant, scope: Scope): boolean {
  switch (grant.scopeType) {
    case 'organization':
      return true;
    case 'administrative-group':
      return scope.type === 'administrative-group' && scope.id === grant.scopeId;
    case 'recipient-container':
      return (
        scope.type === 'recipient-container' &&
        grant.scopeId !== null &&
        (scope.id === grant.scopeId || scope.ancestors.includes(grant.scopeId))
      );
  }
}

/**
 * True when one of the grants gives the permission on the scope. Reading is
 * organisation-wide for every administrator, as Exchange's Delegation Wizard
 * gave a group-level administrator View Only rights on the organisation.
 */
export function isAllowed(grants: readonly Grant[], permission: Permission, scope: Scope): boolean {
  if (permission === 'read') return grants.length > 0;
  return grants.some((g) => GRANTS[g.role].includes(permission) && covers(g, scope));
}

/** True when the grants let the holder into the console at all. */
export function isAnyAdministrator(grants: readonly Grant[]): boolean {
  return grants.length > 0;
}
