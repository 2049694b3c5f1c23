import { BadRequestException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CredentialRepository } from './credential.repository';
import { decoyHash, hashPassword, verifyPassword } from './password-hasher';
import { checkPasswordPolicy } from './password-policy';

@Injectable()
export class CredentialService {
  constructor(private readonly credentials: CredentialRepository) {}

  async setPassword(manager: EntityManager, recipientId: string, password: string): Promise<void> {
    const refusal = checkPasswordPolicy(password);
    if (refusal) throw new BadRequestException(refusal);
    await this.credentials.upsertHash(manager, recipientId, await hashPassword(password));
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
