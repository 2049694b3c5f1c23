import { Module } from '@nestjs/common';
import { DirectoryModule } from '@estafette/directory';
import { AdministrativeGroupController } from './administrative-groups/administrative-group.controller';
import { TopologyScopeBinder } from './common/topology-scope';
import { InformationStoreController } from './information-stores/information-store.controller';
import { RoutingGroupConnectorController } from './routing-group-connectors/routing-group-connector.controller';
import { RoutingGroupController } from './routing-groups/routing-group.controller';
import { ServerController } from './servers/server.controller';
import { SmtpConnectorController } from './smtp-connectors/smtp-connector.controller';
import { StorageGroupController } from './storage-groups/storage-group.controller';
import { VirtualServerController } from './virtual-servers/virtual-server.controller';

/** REST controllers for the directory area: topology. */
@Module({
  imports: [DirectoryModule],
  controllers: [
    AdministrativeGroupController,
    InformationStoreController,
    RoutingGroupConnectorController,
    RoutingGroupController,
    ServerController,
    SmtpConnectorController,
    StorageGroupController,
    VirtualServerController,
  ],
  // Makes TopologyScopeService reachable from the scope resolvers of @RequirePermission.
  providers: [TopologyScopeBinder],
})
export class TopologyApiModule {}
