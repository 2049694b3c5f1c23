import { Module, type Provider } from '@nestjs/common';

const SERVICES: Provider[] = [];

/** Directory area: address-book. Lists its repositories and services; exports the services. */
@Module({
  providers: [...SERVICES],
  exports: SERVICES,
})
export class AddressBookModule {}
