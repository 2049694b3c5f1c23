import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DkimKeyService, type DkimKeyDto } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { CreateDkimKeyDto } from './create-dkim-key.dto';
import { DkimKeyResponse } from './dkim-key.response';

/** DKIM signing keys of the authoritative domains: generate, list (with the DNS record to publish), delete. */
@ApiTags('dkim-keys')
@ApiBearerAuth()
@Controller('dkim-keys')
export class DkimKeyController {
  constructor(private readonly keys: DkimKeyService) {}

  @Get()
  @RequirePermission('read')
  @ApiOkResponse({ type: [DkimKeyResponse] })
  list(): Promise<DkimKeyDto[]> {
    return this.keys.list();
  }

  /** Generates an RSA 2048 key pair and makes it the domain's signing key; publish `dnsRecord` at `dnsName`. */
  @Post()
  @RequirePermission('write')
  @ApiCreatedResponse({ type: DkimKeyResponse })
  @ApiBadRequestResponse({ description: 'not an authoritative domain, or not a valid selector' })
  @ApiConflictResponse({ description: 'the domain already has a key with this selector' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateDkimKeyDto): Promise<DkimKeyDto> {
    return this.keys.create(actorOf(principal), body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write')
  @ApiNoContentResponse()
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.keys.remove(actorOf(principal), id);
  }
}
