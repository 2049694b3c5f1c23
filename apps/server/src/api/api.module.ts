import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DirectoryModule } from '@estafette/directory';
import { ApiAuthGuard } from '@estafette/security';
import { AddressBookApiModule } from './address-book/address-book-api.module';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { HealthController } from './health.controller';
import { OrganizationController } from './organization/organization.controller';
import { RecipientsApiModule } from './recipients/recipients-api.module';
import { RolesController } from './roles/roles.controller';
import { SmtpApiModule } from './smtp/smtp-api.module';
import { StoreApiModule } from './store/store-api.module';
import { TopologyApiModule } from './topology/topology-api.module';
import { TransportApiModule } from './transport/transport-api.module';

/** The REST API under /api: thin controllers over the domain services, every route behind ApiAuthGuard. */
@Module({
  imports: [
    AddressBookApiModule,
    DirectoryModule,
    RecipientsApiModule,
    SmtpApiModule,
    StoreApiModule,
    TopologyApiModule,
    TransportApiModule,
  ],
  controllers: [AuditController, AuthController, HealthController, OrganizationController, RolesController],
  providers: [{ provide: APP_GUARD, useExisting: ApiAuthGuard }],
})
export class ApiModule {}
