import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { StorageGroupDto } from '@estafette/contracts';
import { StorageGroupService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { inGroupOf } from '../common/topology-scope';
import { CreateStorageGroupDto } from './create-storage-group.dto';
import { StorageGroupResponse } from './storage-group.response';
import { UpdateStorageGroupDto } from './update-storage-group.dto';

/** Storage groups are listed and created under their server, and addressed by id afterwards. */
@ApiTags('storage-groups')
@ApiBearerAuth()
@Controller()
export class StorageGroupController {
  constructor(private readonly groups: StorageGroupService) {}

  @Get('servers/:serverId/storage-groups')
  @RequirePermission('read')
  @ApiOkResponse({ type: [StorageGroupResponse] })
  list(@Param('serverId', ParseUUIDPipe) serverId: string): Promise<StorageGroupDto[]> {
    return this.groups.listByServer(serverId);
  }

  @Post('servers/:serverId/storage-groups')
  @RequirePermission('write', inGroupOf('server', 'serverId'))
  @ApiCreatedResponse({ type: StorageGroupResponse })
  @ApiConflictResponse({ description: 'the server already has 4 storage groups, or one with this name' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('serverId', ParseUUIDPipe) serverId: string,
    @Body() body: CreateStorageGroupDto,
  ): Promise<StorageGroupDto> {
    return this.groups.create(actorOf(principal), serverId, body);
  }

  @Get('storage-groups/:id')
  @RequirePermission('read')
  @ApiOkResponse({ type: StorageGroupResponse })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<StorageGroupDto> {
    return this.groups.get(id);
  }

  @Patch('storage-groups/:id')
  @RequirePermission('write', inGroupOf('storage-group'))
  @ApiOkResponse({ type: StorageGroupResponse })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateStorageGroupDto,
  ): Promise<StorageGroupDto> {
    return this.groups.update(actorOf(principal), id, body);
  }

  @Delete('storage-groups/:id')
  @HttpCode(204)
  @RequirePermission('write', inGroupOf('storage-group'))
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'the storage group still holds stores' })
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.groups.remove(actorOf(principal), id);
  }
}
