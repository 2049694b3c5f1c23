import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuditLogRepository } from './audit/audit-log.repository';
import { AuditLogService } from './audit/audit-log.service';
import { ACCOUNT_LOOKUP } from './auth/account-lookup.port';
import { ApiAuthGuard } from './auth/api-auth.guard';
import { AuthenticatorService } from './auth/authenticator.service';
import { LocalStrategy } from './auth/local.strategy';
import { MailLoginService } from './auth/mail-login.service';
import { SessionStrategy } from './auth/session.strategy';
import { CredentialRepository } from './credentials/credential.repository';
import { CredentialService } from './credentials/credential.service';
import { VerifiedCredentialCache } from './credentials/verified-credential.cache';
import { RoleAssignmentRepository } from './roles/role-assignment.repository';
import { RoleService } from './roles/role.service';
import { SessionRepository } from './sessions/session.repository';
import { SessionService } from './sessions/session.service';
import { LoginThrottleService } from './throttle/login-throttle.service';

const SERVICES = [
  AuditLogService,
  CredentialService,
  LoginThrottleService,
  MailLoginService,
  RoleService,
  SessionService,
  VerifiedCredentialCache,
];

/** Credentials, sessions and tokens, roles, the audit log and the passport strategies. */
@Module({})
export class SecurityModule {
  /** accountLookup: the directory-backed AccountLookup the server app provides. */
  static forRoot(accountLookup: Provider): DynamicModule {
    return {
      module: SecurityModule,
      global: true,
      imports: [PassportModule],
      providers: [
        accountLookup,
        ApiAuthGuard,
        AuditLogRepository,
        AuthenticatorService,
        CredentialRepository,
        LocalStrategy,
        RoleAssignmentRepository,
        SessionRepository,
        SessionStrategy,
        ...SERVICES,
      ],
      exports: [ACCOUNT_LOOKUP, ApiAuthGuard, AuthenticatorService, ...SERVICES],
    };
  }
}
