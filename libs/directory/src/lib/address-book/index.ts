export * from './address-book.module';
export { AddressListService } from './address-lists/address-list.service';
export {
  ADDRESS_BOOK_DEFAULT_PAGE_SIZE,
  ADDRESS_BOOK_MAX_PAGE_SIZE,
  AddressBookService,
} from './entries/address-book.service';
export { FOLDER_ALIAS_PATTERN, FOLDER_ALIAS_MAX_LENGTH } from './public-folders/folder-alias';
export { rightsOfRole } from './public-folders/folder-rights';
export { PublicFolderPermissionService } from './public-folders/public-folder-permission.service';
export { PublicFolderService } from './public-folders/public-folder.service';
export { PublicFolderPostingService, type PublicFolderPosting } from './public-folders/public-folder-posting.service';
// The address book SQL, for the EXPLAIN test and for other readers of the address book (LDAP).
export { membershipOf, type AddressListMembership } from './address-lists/address-list-membership';
export { buildAddressBookQuery, type AddressBookPageRequest } from './entries/address-book.query';
