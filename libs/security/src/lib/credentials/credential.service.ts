import { BadRequestException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CredentialRepository } from './credential.repository';
import { decoyHash, hashPassword, verifyPassword } from './password-hasher';
import { checkPasswordPolicy } from './password-policy';
import { VerifiedCredentialCache } from './verified-credential.cache';

@Injectable()
export class CredentialService {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly cache: VerifiedCredentialCache,
  ) {}

  async setPassword(manager: EntityManager, recipientId: string, password: string): Promise<void> {
    const refusal = checkPasswordPolicy(password);
    if (refusal) throw new BadRequestException(refusal);
    await this.credentials.upsertHash(manager, recipientId, await hashPassword(password));
    this.cache.forget(recipientId);
  }

  /** Drops what the verified-credentials cache holds for an account (its state or protocols changed). */
  forgetVerified(recipientId: string): void {
    this.cache.forget(recipientId);
  }

  /**
   * verify() for protocol logins: a password verified in the last minute against the same stored hash
   * is accepted without argon2 (VerifiedCredentialCache). Failures are never cached.
   */
  async verifyCached(recipientId: string | null, password: string): Promise<boolean> {
    const stored = recipientId ? await this.credentials.findHash(recipientId) : null;
    if (!recipientId || !stored) {
      await verifyPassword(await decoyHash(), password);
      return false;
    }
    if (this.cache.matches(recipientId, password, stored)) return true;
    const ok = await verifyPassword(stored, password);
    if (ok) this.cache.remember(recipientId, password, stored);
    return ok;
  }

  /** Verifies a password; an unknown account costs as much as a known one. */
  async verify(recipientId: string | null, password: string): Promise<boolean> {
    const stored = recipientId ? await this.credentials.findHash(recipientId) : null;
    if (!stored) {
      await verifyPassword(await decoyHash(), password);
      return false;
    }
    return verifyPassword(stored, password);
  }
}
