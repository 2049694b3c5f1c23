import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RecipientPolicyEntity } from '../../entities/recipient-policy.entity';

/** The default policy's priority: the largest integer, so it sorts after every other policy. */
export const DEFAULT_POLICY_PRIORITY = 2147483647;

@Injectable()
export class RecipientPolicyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** In the order policies are tried: priority (lower first), ties by name; the default policy last. */
  findAllInOrder(manager: EntityManager = this.db.manager): Promise<RecipientPolicyEntity[]> {
    return manager
      .getRepository(RecipientPolicyEntity)
      .createQueryBuilder('p')
      .orderBy('p.is_default', 'ASC')
      .addOrderBy('p.priority', 'ASC')
      .addOrderBy('lower(p.name)', 'ASC')
      .getMany();
  }

  /**
   * The same, with the rows locked: changes to templates (domains) serialise, and a policy cannot change
   * under an application run that is using it.
   */
  async lockAllInOrder(manager: EntityManager): Promise<RecipientPolicyEntity[]> {
    await manager.query(`SELECT id FROM recipient_policy FOR UPDATE`);
    return this.findAllInOrder(manager);
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<RecipientPolicyEntity | null> {
    return manager.getRepository(RecipientPolicyEntity).findOneBy({ id });
  }

  findByIdForUpdate(manager: EntityManager, id: string): Promise<RecipientPolicyEntity | null> {
    return manager.getRepository(RecipientPolicyEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** One after the last non-default policy. */
  async nextPriority(manager: EntityManager): Promise<number> {
    const rows = await manager.query<Array<{ next: number }>>(
      `SELECT COALESCE(max(priority), 0)::int + 1 AS next FROM recipient_policy WHERE NOT is_default`,
    );
    return Math.min(rows[0].next, DEFAULT_POLICY_PRIORITY - 1);
  }

  create(manager: EntityManager, fields: Partial<RecipientPolicyEntity>): RecipientPolicyEntity {
    return manager.getRepository(RecipientPolicyEntity).create(fields);
  }

  save(manager: EntityManager, policy: RecipientPolicyEntity): Promise<RecipientPolicyEntity> {
    return manager.getRepository(RecipientPolicyEntity).save(policy);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(RecipientPolicyEntity).delete({ id });
  }
}
