import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SmtpConnectorEntity } from '../../entities/smtp-connector.entity';

export type SmtpConnectorValues = Omit<SmtpConnectorEntity, 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class SmtpConnectorRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findAll(): Promise<SmtpConnectorEntity[]> {
    return this.db.getRepository(SmtpConnectorEntity).createQueryBuilder('c').orderBy('lower(c.name)').getMany();
  }

  findById(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<SmtpConnectorEntity | null> {
    return manager
      .getRepository(SmtpConnectorEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  create(manager: EntityManager, values: SmtpConnectorValues): Promise<SmtpConnectorEntity> {
    const repo = manager.getRepository(SmtpConnectorEntity);
    return repo.save(repo.create(values));
  }

  save(manager: EntityManager, connector: SmtpConnectorEntity): Promise<SmtpConnectorEntity> {
    return manager.getRepository(SmtpConnectorEntity).save(connector);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(SmtpConnectorEntity).delete({ id });
  }
}
