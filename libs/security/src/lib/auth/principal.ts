import type { RoleAssignmentDto } from '@estafette/contracts';
import type { Actor } from '../audit/actor';

/** The authenticated caller of an API request. */
export interface Principal {
  recipientId: string;
  alias: string;
  displayName: string;
  grants: RoleAssignmentDto[];
  /** How the caller authenticated: a console cookie (CSRF applies) or a bearer token (CLI). */
  via: 'session' | 'token';
  csrfToken: string | null;
  clientAddress: string;
}

export function actorOf(principal: Principal): Actor {
  return {
    recipientId: principal.recipientId,
    name: principal.displayName || principal.alias,
    clientAddress: principal.clientAddress,
  };
}
