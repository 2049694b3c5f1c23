import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { OrganizationDto } from '@estafette/contracts';
import { OrganizationService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { UpdateOrganizationDto } from './update-organization.dto';

@ApiTags('organization')
@ApiBearerAuth()
@Controller('organization')
export class OrganizationController {
  constructor(private readonly organizations: OrganizationService) {}

  @Get()
  @RequirePermission('read')
  get(): Promise<OrganizationDto> {
    return this.organizations.get();
  }

  @Patch()
  @RequirePermission('write')
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.update(actorOf(principal), body);
  }
}
