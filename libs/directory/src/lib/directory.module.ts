import { Module } from '@nestjs/common';
import { OrganizationRepository } from './organization/organization.repository';
import { OrganizationService } from './organization/organization.service';
import { OrganizationSetupService } from './setup/organization-setup.service';

const SERVICES = [OrganizationService, OrganizationSetupService];

/** The organisation directory: topology, recipients, policies, address lists, public folder tree. */
@Module({
  providers: [OrganizationRepository, ...SERVICES],
  exports: SERVICES,
})
export class DirectoryModule {}
