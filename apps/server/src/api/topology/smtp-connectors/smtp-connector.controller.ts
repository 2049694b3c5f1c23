import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { SmtpConnectorDto } from '@estafette/contracts';
import { SmtpConnectorService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { inGroupOf, inGroupOfBody } from '../common/topology-scope';
import { CreateSmtpConnectorDto } from './create-smtp-connector.dto';
import { SmtpConnectorResponse } from './smtp-connector.response';
import { UpdateSmtpConnectorDto } from './update-smtp-connector.dto';

/** A connector belongs to the administrative group of its routing group. */
@ApiTags('smtp-connectors')
@ApiBearerAuth()
@Controller('smtp-connectors')
export class SmtpConnectorController {
  constructor(private readonly connectors: SmtpConnectorService) {}

  @Get()
  @RequirePermission('read')
  @ApiOkResponse({ type: [SmtpConnectorResponse] })
  list(): Promise<SmtpConnectorDto[]> {
    return this.connectors.list();
  }

  @Get(':id')
  @RequirePermission('read')
  @ApiOkResponse({ type: SmtpConnectorResponse })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<SmtpConnectorDto> {
    return this.connectors.get(id);
  }

  @Post()
  @RequirePermission('write', inGroupOfBody('routingGroupId', 'routing-group'))
  @ApiCreatedResponse({ type: SmtpConnectorResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateSmtpConnectorDto): Promise<SmtpConnectorDto> {
    return this.connectors.create(actorOf(principal), body);
  }

  @Patch(':id')
  @RequirePermission('write', inGroupOf('smtp-connector', 'id', { routingGroupId: 'routing-group' }))
  @ApiOkResponse({ type: SmtpConnectorResponse })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateSmtpConnectorDto,
  ): Promise<SmtpConnectorDto> {
    return this.connectors.update(actorOf(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write', inGroupOf('smtp-connector'))
  @ApiNoContentResponse()
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.connectors.remove(actorOf(principal), id);
  }
}
