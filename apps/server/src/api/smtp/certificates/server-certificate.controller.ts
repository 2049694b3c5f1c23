import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import type { ServerCertificateDto } from '../../../listeners/tls/certificate.model';
import { ServerCertificateService } from '../../../listeners/tls/server-certificate.service';
import { inGroupOf } from '../../topology/common/topology-scope';
import { InstallCertificateDto } from './install-certificate.dto';
import { ServerCertificateResponse } from './server-certificate.response';

/** A server's TLS certificate (STARTTLS and implicit TLS of its listeners). */
@ApiTags('servers')
@ApiBearerAuth()
@Controller('servers/:id/certificate')
export class ServerCertificateController {
  constructor(private readonly certificates: ServerCertificateService) {}

  @Get()
  @RequirePermission('read')
  @ApiOkResponse({ type: ServerCertificateResponse })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ServerCertificateDto> {
    return this.certificates.get(id);
  }

  /** The listeners use the new certificate for new sessions within a few seconds. */
  @Put()
  @RequirePermission('write', inGroupOf('server'))
  @ApiOkResponse({ type: ServerCertificateResponse })
  @ApiBadRequestResponse({ description: 'not a certificate, the key does not belong to it, or it has expired' })
  install(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: InstallCertificateDto,
  ): Promise<ServerCertificateDto> {
    return this.certificates.install(actorOf(principal), id, body);
  }

  /** Back to the self-signed certificate the server made at first start. */
  @Delete()
  @HttpCode(204)
  @RequirePermission('write', inGroupOf('server'))
  @ApiNoContentResponse()
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.certificates.remove(actorOf(principal), id);
  }
}
