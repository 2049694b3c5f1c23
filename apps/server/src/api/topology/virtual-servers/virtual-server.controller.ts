import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { VirtualServerDto } from '@estafette/contracts';
import { VirtualServerService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { inGroupOf } from '../common/topology-scope';
import { CreateVirtualServerDto } from './create-virtual-server.dto';
import { UpdateVirtualServerDto } from './update-virtual-server.dto';
import { VirtualServerResponse } from './virtual-server.response';

/** Protocol virtual servers: listed and created under their server, addressed by id afterwards. */
@ApiTags('virtual-servers')
@ApiBearerAuth()
@Controller()
export class VirtualServerController {
  constructor(private readonly virtualServers: VirtualServerService) {}

  @Get('servers/:serverId/virtual-servers')
  @RequirePermission('read')
  @ApiOkResponse({ type: [VirtualServerResponse] })
  list(@Param('serverId', ParseUUIDPipe) serverId: string): Promise<VirtualServerDto[]> {
    return this.virtualServers.listByServer(serverId);
  }

  @Post('servers/:serverId/virtual-servers')
  @RequirePermission('write', inGroupOf('server', 'serverId'))
  @ApiCreatedResponse({ type: VirtualServerResponse })
  @ApiConflictResponse({
    description: 'another enabled virtual server of the server listens on the same address and port',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('serverId', ParseUUIDPipe) serverId: string,
    @Body() body: CreateVirtualServerDto,
  ): Promise<VirtualServerDto> {
    return this.virtualServers.create(actorOf(principal), serverId, body);
  }

  @Get('virtual-servers/:id')
  @RequirePermission('read')
  @ApiOkResponse({ type: VirtualServerResponse })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<VirtualServerDto> {
    return this.virtualServers.get(id);
  }

  @Patch('virtual-servers/:id')
  @RequirePermission('write', inGroupOf('virtual-server'))
  @ApiOkResponse({ type: VirtualServerResponse })
  @ApiConflictResponse({
    description: 'another enabled virtual server of the server listens on the same address and port',
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateVirtualServerDto,
  ): Promise<VirtualServerDto> {
    return this.virtualServers.update(actorOf(principal), id, body);
  }

  @Delete('virtual-servers/:id')
  @HttpCode(204)
  @RequirePermission('write', inGroupOf('virtual-server'))
  @ApiNoContentResponse()
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.virtualServers.remove(actorOf(principal), id);
  }
}
