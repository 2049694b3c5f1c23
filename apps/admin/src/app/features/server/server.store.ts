import { Injectable, inject, signal } from '@angular/core';
import type {
  AdministrativeGroupDto,
  InformationStoreDto,
  RoutingGroupDto,
  ServerDto,
  StorageGroupDto,
  UpdateServerRequest,
  VirtualServerDto,
} from '@estafette/contracts';
import { TopologyApi } from '../../core/api/topology.api';
import { DirectoryEvents } from '../../core/events/directory-events';
import { Editable } from '../../shared/data/editable';

/** One server and the groups it can belong to. */
@Injectable()
export class ServerStore {
  private readonly api = inject(TopologyApi);
  private readonly events = inject(DirectoryEvents);
  readonly server = new Editable<ServerDto>();
  readonly administrativeGroups = signal<AdministrativeGroupDto[]>([]);
  readonly routingGroups = signal<RoutingGroupDto[]>([]);
  readonly storageGroups = signal<StorageGroupDto[]>([]);
  readonly stores = signal<InformationStoreDto[]>([]);
  readonly virtualServers = signal<VirtualServerDto[]>([]);

  async load(id: string): Promise<ServerDto | null> {
    const ignore = () => undefined;
    const [server] = await Promise.all([
      this.server.load(() => this.api.server(id)),
      this.api.storageGroups(id).then((groups) => this.storageGroups.set(groups), ignore),
      this.api.stores({ serverId: id }).then((stores) => this.stores.set(stores), ignore),
      this.api.virtualServers(id).then((list) => this.virtualServers.set(list), ignore),
      this.api.administrativeGroups().then(
        (groups) => this.administrativeGroups.set(groups),
        () => undefined,
      ),
      this.api.routingGroups().then(
        (groups) => this.routingGroups.set(groups),
        () => undefined,
      ),
    ]);
    return server;
  }

  async save(id: string, changes: UpdateServerRequest): Promise<boolean> {
    const saved = await this.server.save(() => this.api.updateServer(id, changes));
    if (saved) this.events.emit({ type: 'server', id, action: 'update' });
    return saved;
  }
}
