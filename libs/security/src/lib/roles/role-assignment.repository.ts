import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AdminRole, RoleScopeType } from '@estafette/contracts';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity';

@Injectable()
export class RoleAssignmentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByRecipient(recipientId: string): Promise<RoleAssignmentEntity[]> {
    return this.db.getRepository(RoleAssignmentEntity).find({ where: { recipientId }, order: { createdAt: 'ASC' } });
  }

  findAll(): Promise<RoleAssignmentEntity[]> {
    return this.db.getRepository(RoleAssignmentEntity).find({ order: { createdAt: 'ASC' } });
  }

  findById(manager: EntityManager, id: string): Promise<RoleAssignmentEntity | null> {
    return manager.getRepository(RoleAssignmentEntity).findOneBy({ id });
  }

  async insert(
    manager: EntityManager,
    row: { recipientId: string; role: AdminRole; scopeType: RoleScopeType; scopeId: string | null },
  ): Promise<RoleAssignmentEntity> {
    const repo = manager.getRepository(RoleAssignmentEntity);
    return repo.save(repo.create(row));
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(RoleAssignmentEntity).delete({ id });
  }

  /** Recipients holding Full Administrator on the whole organisation, locked against concurrent removal. */
  async lockOrganizationFullAdministrators(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ recipient_id: string }>>(
      `SELECT ra.recipient_id FROM role_assignment ra JOIN recipient r ON r.id = ra.recipient_id
       WHERE ra.role = 'full-administrator' AND ra.scope_type = 'organization' AND NOT r.account_disabled
       FOR UPDATE OF ra`,
    );
    return rows.map((r) => r.recipient_id);
  }
}
