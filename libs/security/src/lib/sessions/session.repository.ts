import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApiTokenEntity } from '../entities/api-token.entity';
import { WebSessionEntity } from '../entities/web-session.entity';

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insertSession(row: Omit<WebSessionEntity, 'createdAt'>): Promise<void> {
    await this.db.getRepository(WebSessionEntity).insert(row);
  }

  findLiveSession(idHash: string, now: Date): Promise<WebSessionEntity | null> {
    return this.db
      .getRepository(WebSessionEntity)
      .createQueryBuilder('s')
      .where('s.id_hash = :idHash AND s.expires_at > :now', { idHash, now })
      .getOne();
  }

  async extendSession(idHash: string, expiresAt: Date): Promise<void> {
    await this.db.getRepository(WebSessionEntity).update({ idHash }, { expiresAt });
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.getRepository(WebSessionEntity).delete({ idHash });
  }

  async deleteSessionsOf(recipientId: string): Promise<void> {
    await this.db.getRepository(WebSessionEntity).delete({ recipientId });
  }

  async deleteTokensOf(recipientId: string): Promise<void> {
    await this.db.getRepository(ApiTokenEntity).delete({ recipientId });
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.db.query(`DELETE FROM web_session WHERE expires_at <= $1`, [now]);
  }

  async insertToken(row: Pick<ApiTokenEntity, 'recipientId' | 'name' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.db.getRepository(ApiTokenEntity).insert(row);
  }

  async findLiveToken(tokenHash: string, now: Date): Promise<ApiTokenEntity | null> {
    return this.db
      .getRepository(ApiTokenEntity)
      .createQueryBuilder('t')
      .where('t.token_hash = :tokenHash AND (t.expires_at IS NULL OR t.expires_at > :now)', { tokenHash, now })
      .getOne();
  }

  async touchToken(id: string, now: Date): Promise<void> {
    await this.db.getRepository(ApiTokenEntity).update({ id }, { lastUsedAt: now });
  }

  async deleteToken(tokenHash: string): Promise<void> {
    await this.db.getRepository(ApiTokenEntity).delete({ tokenHash });
  }
}
