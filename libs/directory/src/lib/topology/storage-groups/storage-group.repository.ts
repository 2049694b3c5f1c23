import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { StorageGroupEntity } from '../../entities/storage-group.entity';

@Injectable()
export class StorageGroupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByServer(serverId: string): Promise<StorageGroupEntity[]> {
    return this.db
      .getRepository(StorageGroupEntity)
      .createQueryBuilder('g')
      .where('g.server_id = :serverId', { serverId })
      .orderBy('lower(g.name)')
      .getMany();
  }

  findById(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<StorageGroupEntity | null> {
    return manager
      .getRepository(StorageGroupEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  /** The servers of the given storage groups. */
  async findServerIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<Array<{ id: string; server_id: string }>>(
      `SELECT id, server_id FROM storage_group WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.server_id]));
  }

  async countByServer(manager: EntityManager, serverId: string): Promise<number> {
    return manager.getRepository(StorageGroupEntity).count({ where: { serverId } });
  }

  create(manager: EntityManager, values: Pick<StorageGroupEntity, 'serverId' | 'name'>): Promise<StorageGroupEntity> {
    const repo = manager.getRepository(StorageGroupEntity);
    return repo.save(repo.create(values));
  }

  save(manager: EntityManager, group: StorageGroupEntity): Promise<StorageGroupEntity> {
    return manager.getRepository(StorageGroupEntity).save(group);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(StorageGroupEntity).delete({ id });
  }
}
