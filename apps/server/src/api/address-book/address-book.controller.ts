import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AddressBookEntryDto, Page } from '@estafette/contracts';
import { AddressBookService } from '@estafette/directory';
import { RequirePermission } from '@estafette/security';
import { AddressBookQueryDto } from './address-book-query.dto';

@ApiTags('address lists')
@ApiBearerAuth()
@Controller('address-book')
export class AddressBookController {
  constructor(private readonly addressBook: AddressBookService) {}

  /** The Default Global Address List, without looking up its id first. */
  @Get('gal')
  @RequirePermission('read')
  gal(@Query() query: AddressBookQueryDto): Promise<Page<AddressBookEntryDto>> {
    return this.addressBook.globalAddressList(query);
  }
}
