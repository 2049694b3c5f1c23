import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AdministrativeGroupDto } from '@estafette/contracts';
import { AdministrativeGroupService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { inGroupOf } from '../common/topology-scope';
import { AdministrativeGroupResponse } from './administrative-group.response';
import { CreateAdministrativeGroupDto } from './create-administrative-group.dto';
import { UpdateAdministrativeGroupDto } from './update-administrative-group.dto';

/**
 * Creating and deleting administrative groups needs organisation-wide rights:
 * a group's own delegated administrators may rename it but not remove it.
 */
@ApiTags('administrative-groups')
@ApiBearerAuth()
@Controller('administrative-groups')
export class AdministrativeGroupController {
  constructor(private readonly groups: AdministrativeGroupService) {}

  @Get()
  @RequirePermission('read')
  @ApiOkResponse({ type: [AdministrativeGroupResponse] })
  list(): Promise<AdministrativeGroupDto[]> {
    return this.groups.list();
  }

  @Get(':id')
  @RequirePermission('read')
  @ApiOkResponse({ type: AdministrativeGroupResponse })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AdministrativeGroupDto> {
    return this.groups.get(id);
  }

  @Post()
  @RequirePermission('write')
  @ApiCreatedResponse({ type: AdministrativeGroupResponse })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateAdministrativeGroupDto,
  ): Promise<AdministrativeGroupDto> {
    return this.groups.create(actorOf(principal), body);
  }

  @Patch(':id')
  @RequirePermission('write', inGroupOf('administrative-group'))
  @ApiOkResponse({ type: AdministrativeGroupResponse })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAdministrativeGroupDto,
  ): Promise<AdministrativeGroupDto> {
    return this.groups.update(actorOf(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write')
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'the group still holds servers or routing groups' })
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.groups.remove(actorOf(principal), id);
  }
}
