import { Module, type Provider } from '@nestjs/common';
import { AddressListRepository } from './address-lists/address-list.repository';
import { AddressListService } from './address-lists/address-list.service';
import { AddressBookRepository } from './entries/address-book.repository';
import { AddressBookService } from './entries/address-book.service';
import { PublicFolderAddressRepository } from './public-folders/public-folder-address.repository';
import { PublicFolderMailService } from './public-folders/public-folder-mail.service';
import { PublicFolderPermissionRepository } from './public-folders/public-folder-permission.repository';
import { PublicFolderPermissionService } from './public-folders/public-folder-permission.service';
import { PublicFolderPostingRepository } from './public-folders/public-folder-posting.repository';
import { PublicFolderPostingService } from './public-folders/public-folder-posting.service';
import { PublicFolderRepository } from './public-folders/public-folder.repository';
import { PublicFolderService } from './public-folders/public-folder.service';
import { RecipientReferenceCheck } from './public-folders/recipient-reference.check';

const REPOSITORIES: Provider[] = [
  AddressBookRepository,
  AddressListRepository,
  PublicFolderAddressRepository,
  PublicFolderPermissionRepository,
  PublicFolderPostingRepository,
  PublicFolderRepository,
];

const SERVICES: Provider[] = [
  AddressBookService,
  AddressListService,
  PublicFolderMailService,
  PublicFolderPermissionService,
  PublicFolderPostingService,
  PublicFolderService,
  RecipientReferenceCheck,
];

/** Directory area: address lists, the address book and the public folder tree. Exports the services. */
@Module({
  providers: [...REPOSITORIES, ...SERVICES],
  exports: SERVICES,
})
export class AddressBookModule {}
