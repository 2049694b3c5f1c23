import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PolicyApplicationResult, RecipientPolicyDto } from '@estafette/contracts';
import { RecipientPolicyService, RecipientUpdateService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { CreateRecipientPolicyDto } from './dto/create-recipient-policy.dto';
import { UpdateRecipientPolicyDto } from './dto/update-recipient-policy.dto';

/** Recipient policies are organisation-wide: no container scope. */
@ApiTags('recipient-policies')
@ApiBearerAuth()
@Controller('recipient-policies')
export class RecipientPoliciesController {
  constructor(
    private readonly policies: RecipientPolicyService,
    private readonly updates: RecipientUpdateService,
  ) {}

  @Get()
  @RequirePermission('read')
  list(): Promise<RecipientPolicyDto[]> {
    return this.policies.list();
  }

  /** Declared before :id so "apply" is not taken for an id. */
  @Post('apply')
  @HttpCode(200)
  @RequirePermission('write')
  applyAll(@CurrentPrincipal() principal: Principal): Promise<PolicyApplicationResult> {
    return this.updates.applyAll(actorOf(principal));
  }

  @Get(':id')
  @RequirePermission('read')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RecipientPolicyDto> {
    return this.policies.get(id);
  }

  @Post()
  @RequirePermission('write')
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateRecipientPolicyDto,
  ): Promise<RecipientPolicyDto> {
    return this.policies.create(actorOf(principal), body);
  }

  @Patch(':id')
  @RequirePermission('write')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRecipientPolicyDto,
  ): Promise<RecipientPolicyDto> {
    return this.policies.update(actorOf(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write')
  delete(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.policies.delete(actorOf(principal), id);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @RequirePermission('write')
  apply(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PolicyApplicationResult> {
    return this.updates.applyPolicy(actorOf(principal), id);
  }
}
