import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CredentialEntity } from '../entities/credential.entity';

@Injectable()
export class CredentialRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findHash(recipientId: string): Promise<string | null> {
    return this.db
      .getRepository(CredentialEntity)
      .findOneBy({ recipientId })
      .then((row) => row?.passwordHash ?? null);
  }

  async upsertHash(manager: EntityManager, recipientId: string, passwordHash: string): Promise<void> {
    await manager.query(
      `INSERT INTO credential (recipient_id, password_hash, password_changed_at) VALUES ($1, $2, now())
       ON CONFLICT (recipient_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, password_changed_at = now()`,
      [recipientId, passwordHash],
    );
  }
}
