import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RecipientContainerDto } from '@estafette/contracts';
import { RecipientContainerService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { containerDeleteScope, containerEditScope, containerScope, newContainerScope } from './container-scopes';
import { CreateRecipientContainerDto } from './dto/create-recipient-container.dto';
import { UpdateRecipientContainerDto } from './dto/update-recipient-container.dto';

@ApiTags('recipient-containers')
@ApiBearerAuth()
@Controller('recipient-containers')
export class RecipientContainersController {
  constructor(private readonly containers: RecipientContainerService) {}

  @Get()
  @RequirePermission('read')
  list(): Promise<RecipientContainerDto[]> {
    return this.containers.list();
  }

  @Get(':id')
  @RequirePermission('read', containerScope)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RecipientContainerDto> {
    return this.containers.get(id);
  }

  @Post()
  @RequirePermission('write', newContainerScope)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateRecipientContainerDto,
  ): Promise<RecipientContainerDto> {
    return this.containers.create(actorOf(principal), body);
  }

  @Patch(':id')
  @RequirePermission('write', containerEditScope)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRecipientContainerDto,
  ): Promise<RecipientContainerDto> {
    return this.containers.update(actorOf(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write', containerDeleteScope)
  delete(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.containers.delete(actorOf(principal), id);
  }
}
