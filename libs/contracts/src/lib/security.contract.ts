/** Authentication, roles and the audit log as the REST API sees them. */

export type AdminRole = 'full-administrator' | 'administrator' | 'view-only-administrator';
export type RoleScopeType = 'organization' | 'administrative-group' | 'recipient-container';

export interface RoleAssignmentDto {
  id: string;
  recipientId: string;
  role: AdminRole;
  scopeType: RoleScopeType;
  scopeId: string | null;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface SessionDto {
  recipientId: string;
  alias: string;
  displayName: string;
  roles: RoleAssignmentDto[];
}

export interface ApiTokenResponse {
  token: string;
  expiresAt: string | null;
}

export interface AuditEntryDto {
  id: string;
  at: string;
  actorName: string;
  clientAddress: string;
  action: string;
  objectType: string;
  objectId: string | null;
  objectName: string;
  before: unknown;
  after: unknown;
}

/** Every API error has this body; `errors` lists field-level validation failures. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errors?: Array<{ field: string; message: string }>;
}
