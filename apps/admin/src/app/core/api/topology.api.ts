import { Injectable, inject } from '@angular/core';
import type {
  AdministrativeGroupDto,
  InformationStoreDto,
  RoutingGroupConnectorDto,
  RoutingGroupDto,
  ServerDto,
  SmtpConnectorDto,
  StorageGroupDto,
  StoreKind,
  UpdateInformationStoreRequest,
  UpdateServerRequest,
  UpdateVirtualServerRequest,
  VirtualServerDto,
} from '@estafette/contracts';
import { ApiHttp } from './api-http';

/** Administrative groups, servers, storage, protocols, routing groups and connectors. */
@Injectable({ providedIn: 'root' })
export class TopologyApi {
  private readonly http = inject(ApiHttp);

  administrativeGroups(): Promise<AdministrativeGroupDto[]> {
    return this.http.list('/administrative-groups');
  }

  administrativeGroup(id: string): Promise<AdministrativeGroupDto> {
    return this.http.get(`/administrative-groups/${encodeURIComponent(id)}`);
  }

  servers(): Promise<ServerDto[]> {
    return this.http.list('/servers');
  }

  server(id: string): Promise<ServerDto> {
    return this.http.get(`/servers/${encodeURIComponent(id)}`);
  }

  updateServer(id: string, changes: UpdateServerRequest): Promise<ServerDto> {
    return this.http.patch(`/servers/${encodeURIComponent(id)}`, changes);
  }

  storageGroups(serverId: string): Promise<StorageGroupDto[]> {
    return this.http.list(`/servers/${encodeURIComponent(serverId)}/storage-groups`);
  }

  storageGroup(id: string): Promise<StorageGroupDto> {
    return this.http.get(`/storage-groups/${encodeURIComponent(id)}`);
  }

  storesOfGroup(storageGroupId: string): Promise<InformationStoreDto[]> {
    return this.http.list(`/storage-groups/${encodeURIComponent(storageGroupId)}/stores`);
  }

  stores(query: { kind?: StoreKind; serverId?: string } = {}): Promise<InformationStoreDto[]> {
    return this.http.list('/stores', query);
  }

  store(id: string): Promise<InformationStoreDto> {
    return this.http.get(`/stores/${encodeURIComponent(id)}`);
  }

  updateStore(id: string, changes: UpdateInformationStoreRequest): Promise<InformationStoreDto> {
    return this.http.patch(`/stores/${encodeURIComponent(id)}`, changes);
  }

  mountStore(id: string): Promise<InformationStoreDto> {
    return this.http.post(`/stores/${encodeURIComponent(id)}/mount`);
  }

  dismountStore(id: string): Promise<InformationStoreDto> {
    return this.http.post(`/stores/${encodeURIComponent(id)}/dismount`);
  }

  virtualServers(serverId: string): Promise<VirtualServerDto[]> {
    return this.http.list(`/servers/${encodeURIComponent(serverId)}/virtual-servers`);
  }

  virtualServer(id: string): Promise<VirtualServerDto> {
    return this.http.get(`/virtual-servers/${encodeURIComponent(id)}`);
  }

  updateVirtualServer(id: string, changes: UpdateVirtualServerRequest): Promise<VirtualServerDto> {
    return this.http.patch(`/virtual-servers/${encodeURIComponent(id)}`, changes);
  }

  routingGroups(): Promise<RoutingGroupDto[]> {
    return this.http.list('/routing-groups');
  }

  routingGroup(id: string): Promise<RoutingGroupDto> {
    return this.http.get(`/routing-groups/${encodeURIComponent(id)}`);
  }

  routingGroupConnectors(): Promise<RoutingGroupConnectorDto[]> {
    return this.http.list('/routing-group-connectors');
  }

  smtpConnectors(): Promise<SmtpConnectorDto[]> {
    return this.http.list('/smtp-connectors');
  }
}
