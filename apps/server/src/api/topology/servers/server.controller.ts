import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ServerDto } from '@estafette/contracts';
import { ServerService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { inGroupOf } from '../common/topology-scope';
import { ServerResponse } from './server.response';
import { UpdateServerDto } from './update-server.dto';

/** There is no POST: a server process registers its own Server object when it first starts. */
@ApiTags('servers')
@ApiBearerAuth()
@Controller('servers')
export class ServerController {
  constructor(private readonly servers: ServerService) {}

  @Get()
  @RequirePermission('read')
  @ApiOkResponse({ type: [ServerResponse] })
  list(): Promise<ServerDto[]> {
    return this.servers.list();
  }

  @Get(':id')
  @RequirePermission('read')
  @ApiOkResponse({ type: ServerResponse })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ServerDto> {
    return this.servers.get(id);
  }

  /** Moving into a group of another administrative group needs organisation-wide rights. */
  @Patch(':id')
  @RequirePermission(
    'write',
    inGroupOf('server', 'id', { administrativeGroupId: 'administrative-group', routingGroupId: 'routing-group' }),
  )
  @ApiOkResponse({ type: ServerResponse })
  @ApiConflictResponse({ description: 'the server is a bridgehead of a connector of its routing group' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateServerDto,
  ): Promise<ServerDto> {
    return this.servers.update(actorOf(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write', inGroupOf('server'))
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'the server still holds storage groups or is a bridgehead' })
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.servers.remove(actorOf(principal), id);
  }
}
