import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Optional,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { InformationStoreDto } from '@estafette/contracts';
import { InformationStoreService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { ChangeNotifier } from '@estafette/store';
import { inGroupOf } from '../common/topology-scope';
import { CreateInformationStoreDto } from './create-information-store.dto';
import { InformationStoreResponse } from './information-store.response';
import { ListStoresQuery } from './list-stores.query';
import { UpdateInformationStoreDto } from './update-information-store.dto';

/** Mailbox and public folder stores; created under a storage group, addressed by id afterwards. */
@ApiTags('stores')
@ApiBearerAuth()
@Controller()
export class InformationStoreController {
  constructor(
    private readonly stores: InformationStoreService,
    // The store (global where the listeners run) keeps mount states; it hears a mount or a dismount from
    // the database's trigger, on PostgreSQL a moment later: this process is told at once.
    @Optional() private readonly notifier?: ChangeNotifier,
  ) {}

  private async setMounted(principal: Principal, id: string, mounted: boolean): Promise<InformationStoreDto> {
    const store = await this.stores.setMounted(actorOf(principal), id, mounted);
    this.notifier?.folderListChanged();
    return store;
  }

  @Get('stores')
  @RequirePermission('read')
  @ApiOkResponse({ type: [InformationStoreResponse] })
  list(@Query() query: ListStoresQuery): Promise<InformationStoreDto[]> {
    return this.stores.list(query);
  }

  @Get('storage-groups/:id/stores')
  @RequirePermission('read')
  @ApiOkResponse({ type: [InformationStoreResponse] })
  listByStorageGroup(@Param('id', ParseUUIDPipe) id: string): Promise<InformationStoreDto[]> {
    return this.stores.listByStorageGroup(id);
  }

  @Post('storage-groups/:id/stores')
  @RequirePermission('write', inGroupOf('storage-group'))
  @ApiCreatedResponse({ type: InformationStoreResponse })
  @ApiConflictResponse({ description: 'the storage group already holds 5 stores, or one with this name' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateInformationStoreDto,
  ): Promise<InformationStoreDto> {
    return this.stores.create(actorOf(principal), id, body);
  }

  @Get('stores/:id')
  @RequirePermission('read')
  @ApiOkResponse({ type: InformationStoreResponse })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<InformationStoreDto> {
    return this.stores.get(id);
  }

  @Patch('stores/:id')
  @RequirePermission('write', inGroupOf('information-store'))
  @ApiOkResponse({ type: InformationStoreResponse })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateInformationStoreDto,
  ): Promise<InformationStoreDto> {
    return this.stores.update(actorOf(principal), id, body);
  }

  @Post('stores/:id/mount')
  @HttpCode(200)
  @RequirePermission('write', inGroupOf('information-store'))
  @ApiOkResponse({ type: InformationStoreResponse })
  mount(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<InformationStoreDto> {
    return this.setMounted(principal, id, true);
  }

  @Post('stores/:id/dismount')
  @HttpCode(200)
  @RequirePermission('write', inGroupOf('information-store'))
  @ApiOkResponse({ type: InformationStoreResponse })
  dismount(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<InformationStoreDto> {
    return this.setMounted(principal, id, false);
  }

  @Delete('stores/:id')
  @HttpCode(204)
  @RequirePermission('write', inGroupOf('information-store'))
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'mailboxes are still homed on the store' })
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.stores.remove(actorOf(principal), id);
  }
}
