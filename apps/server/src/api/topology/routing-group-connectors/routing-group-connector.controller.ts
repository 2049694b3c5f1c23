import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { RoutingGroupConnectorDto } from '@estafette/contracts';
import { RoutingGroupConnectorService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { inGroupOf, inGroupOfBody } from '../common/topology-scope';
import { CreateRoutingGroupConnectorDto } from './create-routing-group-connector.dto';
import { RoutingGroupConnectorResponse } from './routing-group-connector.response';
import { UpdateRoutingGroupConnectorDto } from './update-routing-group-connector.dto';

/** A connector belongs to the administrative group of its source routing group. */
@ApiTags('routing-group-connectors')
@ApiBearerAuth()
@Controller('routing-group-connectors')
export class RoutingGroupConnectorController {
  constructor(private readonly connectors: RoutingGroupConnectorService) {}

  @Get()
  @RequirePermission('read')
  @ApiOkResponse({ type: [RoutingGroupConnectorResponse] })
  list(): Promise<RoutingGroupConnectorDto[]> {
    return this.connectors.list();
  }

  @Get(':id')
  @RequirePermission('read')
  @ApiOkResponse({ type: RoutingGroupConnectorResponse })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RoutingGroupConnectorDto> {
    return this.connectors.get(id);
  }

  @Post()
  @RequirePermission('write', inGroupOfBody('sourceRoutingGroupId', 'routing-group'))
  @ApiCreatedResponse({ type: RoutingGroupConnectorResponse })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateRoutingGroupConnectorDto,
  ): Promise<RoutingGroupConnectorDto> {
    return this.connectors.create(actorOf(principal), body);
  }

  @Patch(':id')
  @RequirePermission('write', inGroupOf('routing-group-connector', 'id', { sourceRoutingGroupId: 'routing-group' }))
  @ApiOkResponse({ type: RoutingGroupConnectorResponse })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRoutingGroupConnectorDto,
  ): Promise<RoutingGroupConnectorDto> {
    return this.connectors.update(actorOf(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write', inGroupOf('routing-group-connector'))
  @ApiNoContentResponse()
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.connectors.remove(actorOf(principal), id);
  }
}
