import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { CredentialService } from '../credentials/credential.service';
import { RoleService } from '../roles/role.service';
import { LoginThrottleService } from '../throttle/login-throttle.service';
import { LoginThrottledException } from '../throttle/login-throttled.exception';
import { ACCOUNT_LOOKUP, type Account, type AccountLookup } from './account-lookup.port';
import type { Principal } from './principal';

/** Checks passwords (throttled per account and per client address) and builds principals. */
@Injectable()
export class AuthenticatorService {
  constructor(
    @Inject(ACCOUNT_LOOKUP) private readonly accounts: AccountLookup,
    private readonly credentials: CredentialService,
    private readonly throttle: LoginThrottleService,
    private readonly roles: RoleService,
  ) {}

  async verifyPassword(login: string, password: string, clientAddress: string): Promise<Account> {
    const wait = this.throttle.retryAfter(login, clientAddress);
    if (wait > 0) throw new LoginThrottledException(wait);
    const account = await this.accounts.findByLogin(login);
    const ok = await this.credentials.verify(account && !account.disabled ? account.id : null, password);
    if (!ok || !account) {
      this.throttle.recordFailure(login, clientAddress);
      throw new UnauthorizedException('wrong user name or password');
    }
    this.throttle.recordSuccess(login);
    return account;
  }

  async principalFor(
    recipientId: string,
    via: Principal['via'],
    csrfToken: string | null,
    clientAddress: string,
  ): Promise<Principal | null> {
    const account = await this.accounts.findById(recipientId);
    if (!account || account.disabled) return null;
    return {
      recipientId: account.id,
      alias: account.alias,
      displayName: account.displayName,
      grants: await this.roles.grantsOf(account.id),
      via,
      csrfToken,
      clientAddress,
    };
  }
}
