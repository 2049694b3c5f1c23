import { Module } from '@nestjs/common';
import { AddressBookModule } from './address-book/address-book.module';
import { MailRoutingModule } from './mail-routing/mail-routing.module';
import { OrganizationRepository } from './organization/organization.repository';
import { OrganizationService } from './organization/organization.service';
import { RecipientsModule } from './recipients/recipients.module';
import { OrganizationSetupService } from './setup/organization-setup.service';
import { TopologyModule } from './topology/topology.module';

const SERVICES = [OrganizationService, OrganizationSetupService];

/** The organisation directory: topology, recipients, policies, address lists, public folder tree. */
@Module({
  imports: [AddressBookModule, MailRoutingModule, RecipientsModule, TopologyModule],
  providers: [OrganizationRepository, ...SERVICES],
  exports: [AddressBookModule, MailRoutingModule, RecipientsModule, TopologyModule, ...SERVICES],
})
export class DirectoryModule {}
