import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AdminRole, RoleAssignmentDto, RoleScopeType } from '@estafette/contracts';
import type { RoleAssignmentEntity } from '../entities/role-assignment.entity';
import { RoleAssignmentRepository } from './role-assignment.repository';

function toDto(row: RoleAssignmentEntity): RoleAssignmentDto {
  return { id: row.id, recipientId: row.recipientId, role: row.role, scopeType: row.scopeType, scopeId: row.scopeId };
}

@Injectable()
export class RoleService {
  constructor(private readonly roles: RoleAssignmentRepository) {}

  async grantsOf(recipientId: string): Promise<RoleAssignmentDto[]> {
    return (await this.roles.findByRecipient(recipientId)).map(toDto);
  }

  async list(): Promise<RoleAssignmentDto[]> {
    return (await this.roles.findAll()).map(toDto);
  }

  async assign(
    manager: EntityManager,
    recipientId: string,
    role: AdminRole,
    scopeType: RoleScopeType,
    scopeId: string | null,
  ): Promise<RoleAssignmentDto> {
    return toDto(await this.roles.insert(manager, { recipientId, role, scopeType, scopeId }));
  }

  /** Removes a role; the organisation always keeps one enabled Full Administrator. */
  async revoke(manager: EntityManager, id: string): Promise<RoleAssignmentDto> {
    const row = await this.roles.findById(manager, id);
    if (!row) throw new NotFoundException(`role assignment ${id} does not exist`);
    if (row.role === 'full-administrator' && row.scopeType === 'organization') {
      await this.ensureNotLastAdministrator(manager, row.recipientId);
    }
    await this.roles.delete(manager, id);
    return toDto(row);
  }

  /**
   * Throws when removing (deleting or disabling) this recipient would leave
   * the organisation without an enabled Full Administrator.
   */
  async ensureNotLastAdministrator(manager: EntityManager, recipientId: string): Promise<void> {
    const admins = await this.roles.lockOrganizationFullAdministrators(manager);
    if (admins.includes(recipientId) && new Set(admins).size <= 1) {
      throw new ConflictException('this is the last Full Administrator of the organisation and cannot be removed');
    }
  }
}
