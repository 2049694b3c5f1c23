import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthoritativeDomainDto } from '@estafette/contracts';
import { AuthoritativeDomainService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { AddDomainDto } from './dto/add-domain.dto';

/** Authoritative domains: the domains of the recipient policies' address templates. */
@ApiTags('domains')
@ApiBearerAuth()
@Controller('domains')
export class DomainsController {
  constructor(private readonly domains: AuthoritativeDomainService) {}

  @Get()
  @RequirePermission('read')
  list(): Promise<AuthoritativeDomainDto[]> {
    return this.domains.list();
  }

  @Post()
  @RequirePermission('write')
  add(@CurrentPrincipal() principal: Principal, @Body() body: AddDomainDto): Promise<AuthoritativeDomainDto> {
    return this.domains.add(actorOf(principal), body.domain);
  }

  @Delete(':domain')
  @HttpCode(204)
  @RequirePermission('write')
  remove(@CurrentPrincipal() principal: Principal, @Param('domain') domain: string): Promise<void> {
    return this.domains.remove(actorOf(principal), domain);
  }
}
