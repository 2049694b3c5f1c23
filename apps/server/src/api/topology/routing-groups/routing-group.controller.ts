import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { RoutingGroupDto } from '@estafette/contracts';
import { RoutingGroupService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { inGroupOf, inGroupOfBody } from '../common/topology-scope';
import { CreateRoutingGroupDto } from './create-routing-group.dto';
import { RoutingGroupResponse } from './routing-group.response';
import { UpdateRoutingGroupDto } from './update-routing-group.dto';

/** Members join and leave through PATCH /servers/:id {routingGroupId}. */
@ApiTags('routing-groups')
@ApiBearerAuth()
@Controller('routing-groups')
export class RoutingGroupController {
  constructor(private readonly groups: RoutingGroupService) {}

  @Get()
  @RequirePermission('read')
  @ApiOkResponse({ type: [RoutingGroupResponse] })
  list(): Promise<RoutingGroupDto[]> {
    return this.groups.list();
  }

  @Get(':id')
  @RequirePermission('read')
  @ApiOkResponse({ type: RoutingGroupResponse })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RoutingGroupDto> {
    return this.groups.get(id);
  }

  @Post()
  @RequirePermission('write', inGroupOfBody('administrativeGroupId', 'administrative-group'))
  @ApiCreatedResponse({ type: RoutingGroupResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateRoutingGroupDto): Promise<RoutingGroupDto> {
    return this.groups.create(actorOf(principal), body);
  }

  @Patch(':id')
  @RequirePermission('write', inGroupOf('routing-group'))
  @ApiOkResponse({ type: RoutingGroupResponse })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRoutingGroupDto,
  ): Promise<RoutingGroupDto> {
    return this.groups.update(actorOf(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write', inGroupOf('routing-group'))
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'the group still has member servers or connectors, or is the last one' })
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.groups.remove(actorOf(principal), id);
  }
}
