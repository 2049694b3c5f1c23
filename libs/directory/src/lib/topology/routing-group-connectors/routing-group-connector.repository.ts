import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RoutingGroupConnectorEntity } from '../../entities/routing-group-connector.entity';

export type RoutingGroupConnectorValues = Omit<RoutingGroupConnectorEntity, 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class RoutingGroupConnectorRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findAll(): Promise<RoutingGroupConnectorEntity[]> {
    return this.db
      .getRepository(RoutingGroupConnectorEntity)
      .createQueryBuilder('c')
      .orderBy('lower(c.name)')
      .getMany();
  }

  findById(
    id: string,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<RoutingGroupConnectorEntity | null> {
    return manager
      .getRepository(RoutingGroupConnectorEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  create(manager: EntityManager, values: RoutingGroupConnectorValues): Promise<RoutingGroupConnectorEntity> {
    const repo = manager.getRepository(RoutingGroupConnectorEntity);
    return repo.save(repo.create(values));
  }

  save(manager: EntityManager, connector: RoutingGroupConnectorEntity): Promise<RoutingGroupConnectorEntity> {
    return manager.getRepository(RoutingGroupConnectorEntity).save(connector);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(RoutingGroupConnectorEntity).delete({ id });
  }
}
