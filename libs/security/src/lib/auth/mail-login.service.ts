/**
 * MailLoginService: the one way mail protocols (IMAP, POP3, SMTP AUTH) check a user name and password.
 *
 * API:
 *   const result = await mailLogin.login(protocol, login, password, clientAddress);
 *     protocol       'imap4' | 'pop3' | 'smtp'
 *     login          what the client typed: the alias, or any of the user's e-mail addresses (case-insensitive)
 *     password       the password as sent (UTF-8)
 *     clientAddress  the peer's IP address (throttling counts failures per address and per account)
 *   result.kind:
 *     'ok'                 -> result.account: Account (id = recipient id, alias, displayName)
 *     'wrong-credentials'  unknown user, wrong password, or account disabled (indistinguishable on purpose)
 *     'disabled'           right password, but the protocol is turned off for this user: result.message
 *                          says so in words a user can act on (answer it: IMAP NO [CONTACTADMIN], POP3 -ERR [AUTH])
 *     'throttled'          too many recent failures: result.message and result.retryAfterSeconds
 *                          (IMAP NO [UNAVAILABLE], POP3 -ERR [SYS/TEMP], SMTP 454 4.7.0); the password was not checked
 *
 * What it does, in order: throttle check (LoginThrottleService, per account and per client address);
 * account lookup (AccountLookup.findByLogin); password check through CredentialService.verifyCached
 * (argon2id, skipped when VerifiedCredentialCache holds a recent success for this account, password and
 * stored hash); failures recorded for throttling; then the per-user protocol switch (pop3Enabled /
 * imap4Enabled, read fresh at every login, never cached), checked after the password so that it tells
 * nothing to someone who does not know it. Nothing here caches the account or its settings: only the
 * proof that a password matched a stored hash.
 */
import { Inject, Injectable } from '@nestjs/common';
import { CredentialService } from '../credentials/credential.service';
import { LoginThrottleService } from '../throttle/login-throttle.service';
import { ACCOUNT_LOOKUP, type Account, type AccountLookup } from './account-lookup.port';

export type MailProtocol = 'imap4' | 'pop3' | 'smtp';

export type MailLoginResult =
  | { kind: 'ok'; account: Account }
  | { kind: 'wrong-credentials' }
  | { kind: 'disabled'; message: string }
  | { kind: 'throttled'; message: string; retryAfterSeconds: number };

const PROTOCOL_LABEL: Record<MailProtocol, string> = { imap4: 'IMAP4', pop3: 'POP3', smtp: 'SMTP' };

function protocolEnabled(account: Account, protocol: MailProtocol): boolean {
  switch (protocol) {
    case 'imap4':
      return account.imap4Enabled;
    case 'pop3':
      return account.pop3Enabled;
    case 'smtp':
      // Exchange 2003 had no per-user SMTP switch: submission follows the account itself.
      return true;
  }
}

@Injectable()
export class MailLoginService {
  constructor(
    @Inject(ACCOUNT_LOOKUP) private readonly accounts: AccountLookup,
    private readonly credentials: CredentialService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async login(
    protocol: MailProtocol,
    login: string,
    password: string,
    clientAddress: string,
  ): Promise<MailLoginResult> {
    const wait = this.throttle.retryAfter(login, clientAddress);
    if (wait > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(wait / 1000));
      return {
        kind: 'throttled',
        message: `Too many failed logins for this user or from this address; try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      };
    }
    const account = await this.accounts.findByLogin(login);
    const usable = account && !account.disabled ? account : null;
    const ok = await this.credentials.verifyCached(usable?.id ?? null, password);
    if (!ok || !usable) {
      this.throttle.recordFailure(login, clientAddress);
      return { kind: 'wrong-credentials' };
    }
    this.throttle.recordSuccess(login);
    if (!protocolEnabled(usable, protocol)) {
      return {
        kind: 'disabled',
        message: `${PROTOCOL_LABEL[protocol]} access is disabled for ${usable.alias}; ask your administrator to enable it`,
      };
    }
    return { kind: 'ok', account: usable };
  }

  /** Drops the cached proofs of an account's password (call when the account or its protocols change). */
  forget(accountId: string): void {
    this.credentials.forgetVerified(accountId);
  }
}
