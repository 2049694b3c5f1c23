import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';

export interface VerifiedCredentialCacheLimits {
  /** How long a verified password is remembered (Dovecot's auth_cache_ttl; 60 s here). */
  ttlMs: number;
  /** Entries kept at most; the least recently used goes first. */
  maxEntries: number;
}

export const DEFAULT_CREDENTIAL_CACHE_LIMITS: VerifiedCredentialCacheLimits = { ttlMs: 60_000, maxEntries: 10_000 };

interface Entry {
  accountId: string;
  /** The stored hash the password was verified against: a changed password no longer matches. */
  storedHash: string;
  expiresAt: number;
}

/**
 * Passwords verified recently, so that mail clients that log in for every check (POP3 every few
 * minutes, IMAP per folder, SMTP AUTH per message) do not pay argon2 each time; the same idea as
 * Dovecot's auth cache. What it keeps cannot give a password away:
 * - the key is the account id and an HMAC-SHA-256 of the password under a random key made at start
 *   and never stored (a memory dump shows no password and no hash that can be attacked offline);
 * - an entry also names the stored argon2 hash it was verified against, and matches only while that
 *   hash is still the stored one: a password changed by any server process ends it at once;
 * - only successes are cached (a wrong password always costs argon2 and counts for throttling);
 * - entries live `ttlMs`; the set is bounded (LRU); `forget(account)` drops an account's entries
 *   when its password or account changes.
 */
@Injectable()
export class VerifiedCredentialCache {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, Entry>();
  private readonly byAccount = new Map<string, Set<string>>();
  limits: VerifiedCredentialCacheLimits = { ...DEFAULT_CREDENTIAL_CACHE_LIMITS };
  now: () => number = () => Date.now();

  get size(): number {
    return this.entries.size;
  }

  /** Whether this password was verified for this account against this stored hash, recently. */
  matches(accountId: string, password: string, storedHash: string): boolean {
    const key = this.keyOf(accountId, password);
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (entry.expiresAt <= this.now() || entry.storedHash !== storedHash) {
      this.drop(key, entry);
      return false;
    }
    // Map order is insertion order: re-inserting makes it the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return true;
  }

  remember(accountId: string, password: string, storedHash: string): void {
    if (this.limits.ttlMs <= 0 || this.limits.maxEntries <= 0) return;
    const key = this.keyOf(accountId, password);
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { accountId, storedHash, expiresAt: this.now() + this.limits.ttlMs });
    let keys = this.byAccount.get(accountId);
    if (!keys) this.byAccount.set(accountId, (keys = new Set()));
    keys.add(key);
    while (this.entries.size > this.limits.maxEntries) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.drop(oldestKey, oldest);
    }
  }

  /** Drops every entry of an account (its password, its state or its protocols changed). */
  forget(accountId: string): void {
    for (const key of this.byAccount.get(accountId) ?? []) this.entries.delete(key);
    this.byAccount.delete(accountId);
  }

  clear(): void {
    this.entries.clear();
    this.byAccount.clear();
  }

  private keyOf(accountId: string, password: string): string {
    return `${accountId}:${createHmac('sha256', this.key).update(password, 'utf8').digest('base64')}`;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    const keys = this.byAccount.get(entry.accountId);
    keys?.delete(key);
    if (keys?.size === 0) this.byAccount.delete(entry.accountId);
  }
}
