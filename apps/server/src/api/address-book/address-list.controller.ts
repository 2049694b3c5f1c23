import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AddressBookEntryDto, AddressListDto, Page } from '@estafette/contracts';
import { AddressBookService, AddressListService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { AddressBookQueryDto } from './address-book-query.dto';
import { CreateAddressListDto } from './create-address-list.dto';
import { UpdateAddressListDto } from './update-address-list.dto';

@ApiTags('address lists')
@ApiBearerAuth()
@Controller('address-lists')
export class AddressListController {
  constructor(
    private readonly lists: AddressListService,
    private readonly addressBook: AddressBookService,
  ) {}

  @Get()
  @RequirePermission('read')
  list(): Promise<AddressListDto[]> {
    return this.lists.list();
  }

  @Post()
  @RequirePermission('write')
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateAddressListDto): Promise<AddressListDto> {
    return this.lists.create(actorOf(principal), body);
  }

  @Get(':id')
  @RequirePermission('read')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AddressListDto> {
    return this.lists.get(id);
  }

  @Patch(':id')
  @RequirePermission('write')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAddressListDto,
  ): Promise<AddressListDto> {
    return this.lists.update(actorOf(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write')
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.lists.remove(actorOf(principal), id);
  }

  @Get(':id/entries')
  @RequirePermission('read')
  entries(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AddressBookQueryDto,
  ): Promise<Page<AddressBookEntryDto>> {
    return this.addressBook.entriesOf(id, query);
  }
}
