import { ApiTokenEntity } from './api-token.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CredentialEntity } from './credential.entity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { WebSessionEntity } from './web-session.entity';

export { ApiTokenEntity, AuditLogEntity, CredentialEntity, RoleAssignmentEntity, WebSessionEntity };

export const SECURITY_ENTITIES = [
  ApiTokenEntity,
  AuditLogEntity,
  CredentialEntity,
  RoleAssignmentEntity,
  WebSessionEntity,
];
