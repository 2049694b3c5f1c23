import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DkimKeyEntity } from './dkim-key.entity';

export type NewDkimKey = Pick<DkimKeyEntity, 'domain' | 'selector' | 'privateKeyPem' | 'publicKey'>;

/** All SQL over dkim_key. */
@Injectable()
export class DkimKeyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findAll(): Promise<DkimKeyEntity[]> {
    return this.db
      .getRepository(DkimKeyEntity)
      .createQueryBuilder('k')
      .orderBy('k.domain')
      .addOrderBy('k.created_at', 'DESC')
      .getMany();
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<DkimKeyEntity | null> {
    return manager.getRepository(DkimKeyEntity).findOneBy({ id });
  }

  /** The active key of each of the given domains (a domain and its parents, for signing). */
  findActiveForDomains(domains: readonly string[]): Promise<DkimKeyEntity[]> {
    return this.db
      .getRepository(DkimKeyEntity)
      .createQueryBuilder('k')
      .where('k.active AND k.domain = ANY(:domains)', { domains })
      .getMany();
  }

  /** Inserts the new key as the domain's active one: the previous active key stays, inactive. */
  async insertActive(manager: EntityManager, key: NewDkimKey): Promise<DkimKeyEntity> {
    await manager.query(`UPDATE dkim_key SET active = false WHERE domain = $1 AND active`, [key.domain]);
    const repo = manager.getRepository(DkimKeyEntity);
    return repo.save(repo.create({ ...key, algorithm: 'rsa-sha256', active: true }));
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(DkimKeyEntity).delete({ id });
  }
}
