import { Module, type Provider } from '@nestjs/common';
import { AdministrativeGroupRepository } from './administrative-groups/administrative-group.repository';
import { AdministrativeGroupService } from './administrative-groups/administrative-group.service';
import { InformationStoreRepository } from './information-stores/information-store.repository';
import { InformationStoreService } from './information-stores/information-store.service';
import { RoutingGroupConnectorRepository } from './routing-group-connectors/routing-group-connector.repository';
import { RoutingGroupConnectorService } from './routing-group-connectors/routing-group-connector.service';
import { RoutingGroupRepository } from './routing-groups/routing-group.repository';
import { RoutingGroupService } from './routing-groups/routing-group.service';
import { TopologyScopeRepository } from './scope/topology-scope.repository';
import { TopologyScopeService } from './scope/topology-scope.service';
import { ServerRepository } from './servers/server.repository';
import { ServerService } from './servers/server.service';
import { SmtpConnectorRepository } from './smtp-connectors/smtp-connector.repository';
import { SmtpConnectorService } from './smtp-connectors/smtp-connector.service';
import { StorageGroupRepository } from './storage-groups/storage-group.repository';
import { StorageGroupService } from './storage-groups/storage-group.service';
import { VirtualServerRepository } from './virtual-servers/virtual-server.repository';
import { VirtualServerService } from './virtual-servers/virtual-server.service';

const REPOSITORIES: Provider[] = [
  AdministrativeGroupRepository,
  InformationStoreRepository,
  RoutingGroupConnectorRepository,
  RoutingGroupRepository,
  ServerRepository,
  SmtpConnectorRepository,
  StorageGroupRepository,
  TopologyScopeRepository,
  VirtualServerRepository,
];

const SERVICES: Provider[] = [
  AdministrativeGroupService,
  InformationStoreService,
  RoutingGroupConnectorService,
  RoutingGroupService,
  ServerService,
  SmtpConnectorService,
  StorageGroupService,
  TopologyScopeService,
  VirtualServerService,
];

/** Directory area: topology. Lists its repositories and services; exports the services. */
@Module({
  providers: [...REPOSITORIES, ...SERVICES],
  exports: SERVICES,
})
export class TopologyModule {}
