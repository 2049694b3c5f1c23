import * as argon2 from 'argon2';
import type { EntityManager } from 'typeorm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CredentialRepository } from '../credentials/credential.repository';
import { CredentialService } from '../credentials/credential.service';
import { VerifiedCredentialCache } from '../credentials/verified-credential.cache';
import { LoginThrottleService } from '../throttle/login-throttle.service';
import type { Account, AccountLookup } from './account-lookup.port';
import { MailLoginService } from './mail-login.service';

vi.mock('argon2', async (importOriginal) => {
  const original = await importOriginal<typeof import('argon2')>();
  return { ...original, verify: vi.fn(original.verify) };
});

/** The credential table, in memory. */
class FakeCredentials {
  readonly hashes = new Map<string, string>();
  async findHash(id: string) {
    return this.hashes.get(id) ?? null;
  }
  async upsertHash(_manager: EntityManager, id: string, hash: string) {
    this.hashes.set(id, hash);
  }
}

describe('MailLoginService', () => {
  const alice: Account = {
    id: 'a1',
    alias: 'alice',
    displayName: 'Alice',
    disabled: false,
    pop3Enabled: true,
    imap4Enabled: false,
  };
  let accounts: Map<string, Account>;
  let credentials: CredentialService;
  let cache: VerifiedCredentialCache;
  let service: MailLoginService;
  const manager = {} as EntityManager;

  beforeEach(async () => {
    accounts = new Map([['alice', { ...alice }]]);
    const lookup: AccountLookup = {
      findByLogin: async (login) => accounts.get(login.toLowerCase()) ?? null,
      findById: async (id) => [...accounts.values()].find((a) => a.id === id) ?? null,
    };
    cache = new VerifiedCredentialCache();
    credentials = new CredentialService(new FakeCredentials() as unknown as CredentialRepository, cache);
    await credentials.setPassword(manager, 'a1', 'Str0ng-Passw0rd!');
    service = new MailLoginService(lookup, credentials, new LoginThrottleService());
    vi.mocked(argon2.verify).mockClear();
  });

  it('verifies with argon2 once, then from the cache', async () => {
    expect((await service.login('pop3', 'alice', 'Str0ng-Passw0rd!', '192.0.2.1')).kind).toBe('ok');
    expect(argon2.verify).toHaveBeenCalledTimes(1);
    const again = await service.login('pop3', 'Alice', 'Str0ng-Passw0rd!', '192.0.2.1');
    expect(again).toEqual({ kind: 'ok', account: alice });
    expect(argon2.verify).toHaveBeenCalledTimes(1);
  });

  it('never caches a wrong password', async () => {
    for (let i = 0; i < 2; i++)
      expect(await service.login('pop3', 'alice', 'wrong', '192.0.2.1')).toEqual({ kind: 'wrong-credentials' });
    expect(argon2.verify).toHaveBeenCalledTimes(2);
  });

  it('a password change ends the cached login: the old password fails, the new one works', async () => {
    await service.login('pop3', 'alice', 'Str0ng-Passw0rd!', '192.0.2.1');
    await credentials.setPassword(manager, 'a1', 'An0ther-Passw0rd!');
    expect(cache.size).toBe(0);
    expect((await service.login('pop3', 'alice', 'Str0ng-Passw0rd!', '192.0.2.1')).kind).toBe('wrong-credentials');
    expect((await service.login('pop3', 'alice', 'An0ther-Passw0rd!', '192.0.2.1')).kind).toBe('ok');
  });

  it('refuses a protocol turned off for the user, with a message, after checking the password', async () => {
    const result = await service.login('imap4', 'alice', 'Str0ng-Passw0rd!', '192.0.2.1');
    expect(result).toEqual({
      kind: 'disabled',
      message: 'IMAP4 access is disabled for alice; ask your administrator to enable it',
    });
    expect(await service.login('imap4', 'alice', 'wrong', '192.0.2.1')).toEqual({ kind: 'wrong-credentials' });
    expect((await service.login('smtp', 'alice', 'Str0ng-Passw0rd!', '192.0.2.1')).kind).toBe('ok');
  });

  it('reads the protocol switch and the account state at every login, even with a cached password', async () => {
    expect((await service.login('pop3', 'alice', 'Str0ng-Passw0rd!', '192.0.2.1')).kind).toBe('ok');
    accounts.set('alice', { ...alice, pop3Enabled: false });
    expect((await service.login('pop3', 'alice', 'Str0ng-Passw0rd!', '192.0.2.1')).kind).toBe('disabled');
    accounts.set('alice', { ...alice, disabled: true });
    expect((await service.login('pop3', 'alice', 'Str0ng-Passw0rd!', '192.0.2.1')).kind).toBe('wrong-credentials');
  });

  it('throttles after repeated failures without checking the password', async () => {
    for (let i = 0; i < 5; i++) await service.login('pop3', 'alice', 'wrong', '192.0.2.1');
    vi.mocked(argon2.verify).mockClear();
    const result = await service.login('pop3', 'alice', 'Str0ng-Passw0rd!', '192.0.2.1');
    expect(result.kind).toBe('throttled');
    expect(argon2.verify).not.toHaveBeenCalled();
  });

  it('an unknown user costs an argon2 verification too', async () => {
    expect(await service.login('pop3', 'nobody', 'x', '192.0.2.1')).toEqual({ kind: 'wrong-credentials' });
    expect(argon2.verify).toHaveBeenCalledTimes(1);
  });
});
