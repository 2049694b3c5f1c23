import { Module } from '@nestjs/common';
import { DirectoryModule } from '@estafette/directory';

/** REST controllers for the directory area: address-book. */
@Module({
  imports: [DirectoryModule],
  controllers: [],
})
export class AddressBookApiModule {}
