import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuditEntryDto } from '@estafette/contracts';
import { AuditLogService, RequirePermission } from '@estafette/security';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @RequirePermission('read')
  @ApiQuery({ name: 'objectType', required: false })
  @ApiQuery({ name: 'objectId', required: false })
  @ApiQuery({ name: 'before', required: false, description: 'id of the last entry of the previous page' })
  @ApiQuery({ name: 'limit', required: false })
  list(
    @Query('objectType') objectType?: string,
    @Query('objectId') objectId?: string,
    @Query('before') before?: string,
    @Query('limit') limit?: string,
  ): Promise<AuditEntryDto[]> {
    const size = Math.min(Math.max(Number(limit) || 100, 1), 1000);
    return this.audit.list({
      objectType,
      objectId,
      beforeId: before && /^\d+$/.test(before) ? before : undefined,
      limit: size,
    });
  }
}
