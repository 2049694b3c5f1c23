import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntity } from '../entities/audit-log.entity';

export interface AuditQuery {
  objectType?: string;
  objectId?: string;
  /** Entries with an id below this (keyset paging, newest first). */
  beforeId?: string;
  limit: number;
}

@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(manager: EntityManager, entry: Omit<AuditLogEntity, 'id' | 'at'>): Promise<void> {
    await manager.getRepository(AuditLogEntity).insert(entry);
  }

  findPage(query: AuditQuery): Promise<AuditLogEntity[]> {
    const qb = this.db.getRepository(AuditLogEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(query.limit);
    if (query.objectType) qb.andWhere('a.object_type = :objectType', { objectType: query.objectType });
    if (query.objectId) qb.andWhere('a.object_id = :objectId', { objectId: query.objectId });
    if (query.beforeId) qb.andWhere('a.id < :beforeId', { beforeId: query.beforeId });
    return qb.getMany();
  }
}
