import { Module } from '@nestjs/common';
import { DirectoryModule } from '@estafette/directory';
import { AddressBookController } from './address-book.controller';
import { AddressListController } from './address-list.controller';
import { PublicFolderController } from './public-folder.controller';

/** REST controllers for the directory area: address lists, the address book, the public folder tree. */
@Module({
  imports: [DirectoryModule],
  controllers: [AddressBookController, AddressListController, PublicFolderController],
})
export class AddressBookApiModule {}
