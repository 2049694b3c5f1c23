import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ProtocolVirtualServerEntity } from '../../entities/protocol-virtual-server.entity';

export type VirtualServerValues = Omit<ProtocolVirtualServerEntity, 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class VirtualServerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByServer(serverId: string, manager: EntityManager = this.db.manager): Promise<ProtocolVirtualServerEntity[]> {
    return manager
      .getRepository(ProtocolVirtualServerEntity)
      .createQueryBuilder('v')
      .where('v.server_id = :serverId', { serverId })
      .orderBy('v.protocol')
      .addOrderBy('lower(v.name)')
      .getMany();
  }

  findById(
    id: string,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<ProtocolVirtualServerEntity | null> {
    return manager
      .getRepository(ProtocolVirtualServerEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  create(manager: EntityManager, values: VirtualServerValues): Promise<ProtocolVirtualServerEntity> {
    const repo = manager.getRepository(ProtocolVirtualServerEntity);
    return repo.save(repo.create(values));
  }

  save(manager: EntityManager, vs: ProtocolVirtualServerEntity): Promise<ProtocolVirtualServerEntity> {
    return manager.getRepository(ProtocolVirtualServerEntity).save(vs);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(ProtocolVirtualServerEntity).delete({ id });
  }
}
