import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AdministrativeGroupEntity } from '../../entities/administrative-group.entity';

export interface AdministrativeGroupContents {
  servers: number;
  routingGroups: number;
}

@Injectable()
export class AdministrativeGroupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findAll(): Promise<AdministrativeGroupEntity[]> {
    return this.db.getRepository(AdministrativeGroupEntity).createQueryBuilder('g').orderBy('lower(g.name)').getMany();
  }

  /** lock: hold the row until the transaction ends (for changes that check its contents first). */
  findById(
    id: string,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<AdministrativeGroupEntity | null> {
    return manager
      .getRepository(AdministrativeGroupEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  create(
    manager: EntityManager,
    values: Pick<AdministrativeGroupEntity, 'name' | 'description'>,
  ): Promise<AdministrativeGroupEntity> {
    const repo = manager.getRepository(AdministrativeGroupEntity);
    return repo.save(repo.create(values));
  }

  save(manager: EntityManager, group: AdministrativeGroupEntity): Promise<AdministrativeGroupEntity> {
    return manager.getRepository(AdministrativeGroupEntity).save(group);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(AdministrativeGroupEntity).delete({ id });
  }

  async countContents(manager: EntityManager, id: string): Promise<AdministrativeGroupContents> {
    const [row] = await manager.query<Array<{ servers: string; routing_groups: string }>>(
      `SELECT (SELECT count(*) FROM server WHERE administrative_group_id = $1) AS servers,
              (SELECT count(*) FROM routing_group WHERE administrative_group_id = $1) AS routing_groups`,
      [id],
    );
    return { servers: Number(row.servers), routingGroups: Number(row.routing_groups) };
  }
}
