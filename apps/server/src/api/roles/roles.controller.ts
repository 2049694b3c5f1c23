import { BadRequestException, Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import type { RoleAssignmentDto } from '@estafette/contracts';
import {
  actorOf,
  AuditLogService,
  CurrentPrincipal,
  RequirePermission,
  RoleService,
  type Principal,
} from '@estafette/security';
import { AssignRoleDto } from './assign-role.dto';

/** Delegation: who administers what (Exchange's Delegate Control wizard). */
@ApiTags('roles')
@ApiBearerAuth()
@Controller('roles')
export class RolesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly roles: RoleService,
    private readonly audit: AuditLogService,
  ) {}

  @Get()
  @RequirePermission('read')
  list(): Promise<RoleAssignmentDto[]> {
    return this.roles.list();
  }

  @Post()
  @RequirePermission('manage-roles')
  assign(@CurrentPrincipal() principal: Principal, @Body() body: AssignRoleDto): Promise<RoleAssignmentDto> {
    if (body.scopeType !== 'organization' && !body.scopeId)
      throw new BadRequestException('scopeId is required for this scope');
    return this.db.transaction(async (manager) => {
      const assigned = await this.roles.assign(
        manager,
        body.recipientId,
        body.role,
        body.scopeType,
        body.scopeId ?? null,
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'assign-role',
        objectType: 'role-assignment',
        objectId: assigned.id,
        objectName: body.role,
        after: assigned,
      });
      return assigned;
    });
  }

  @Delete(':id')
  @RequirePermission('manage-roles')
  revoke(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<RoleAssignmentDto> {
    return this.db.transaction(async (manager) => {
      const revoked = await this.roles.revoke(manager, id);
      await this.audit.record(manager, actorOf(principal), {
        action: 'revoke-role',
        objectType: 'role-assignment',
        objectId: id,
        objectName: revoked.role,
        before: revoked,
      });
      return revoked;
    });
  }
}
