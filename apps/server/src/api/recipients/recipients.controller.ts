import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, RecipientDto, RecipientSummaryDto } from '@estafette/contracts';
import { RecipientPasswordService, RecipientService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { newRecipientScope, recipientEditScope, recipientListScope, recipientScope } from './container-scopes';
import { CreateRecipientDto } from './dto/create-recipient.dto';
import { ListRecipientsQueryDto } from './dto/list-recipients.query';
import { SetPasswordDto } from './dto/set-password.dto';
import { UpdateRecipientDto } from './dto/update-recipient.dto';

@ApiTags('recipients')
@ApiBearerAuth()
@Controller('recipients')
export class RecipientsController {
  constructor(
    private readonly recipients: RecipientService,
    private readonly passwords: RecipientPasswordService,
  ) {}

  @Get()
  @RequirePermission('read', recipientListScope)
  list(@Query() query: ListRecipientsQueryDto): Promise<Page<RecipientSummaryDto>> {
    return this.recipients.list(query);
  }

  @Post()
  @RequirePermission('write', newRecipientScope)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateRecipientDto): Promise<RecipientDto> {
    return this.recipients.create(actorOf(principal), body);
  }

  @Get(':id')
  @RequirePermission('read', recipientScope)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RecipientDto> {
    return this.recipients.get(id);
  }

  @Patch(':id')
  @RequirePermission('write', recipientEditScope)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRecipientDto,
  ): Promise<RecipientDto> {
    return this.recipients.update(actorOf(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write', recipientScope)
  delete(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.recipients.delete(actorOf(principal), id);
  }

  @Post(':id/password')
  @HttpCode(204)
  @RequirePermission('write', recipientScope)
  setPassword(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetPasswordDto,
  ): Promise<void> {
    return this.passwords.setPassword(actorOf(principal), id, body.password);
  }
}
