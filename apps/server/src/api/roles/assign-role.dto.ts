import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import type { AdminRole, RoleScopeType } from '@estafette/contracts';

export class AssignRoleDto {
  @ApiProperty() @IsUUID() recipientId!: string;

  @ApiProperty({ enum: ['full-administrator', 'administrator', 'view-only-administrator'] })
  @IsIn(['full-administrator', 'administrator', 'view-only-administrator'])
  role!: AdminRole;

  @ApiProperty({ enum: ['organization', 'administrative-group', 'recipient-container'] })
  @IsIn(['organization', 'administrative-group', 'recipient-container'])
  scopeType!: RoleScopeType;

  @ApiPropertyOptional({ description: 'The administrative group or recipient container; omitted for the organisation' })
  @ValidateIf((o: AssignRoleDto) => o.scopeType !== 'organization')
  @IsUUID()
  @IsOptional()
  scopeId?: string;
}
