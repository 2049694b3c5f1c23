import { Injectable, inject } from '@angular/core';
import type { UpdateVirtualServerRequest, VirtualServerDto } from '@estafette/contracts';
import { TopologyApi } from '../../core/api/topology.api';
import { DirectoryEvents } from '../../core/events/directory-events';
import { Editable } from '../../shared/data/editable';

/** One protocol virtual server (SMTP, POP3, IMAP4, NNTP, LDAP, HTTP). */
@Injectable()
export class VirtualServerStore {
  private readonly api = inject(TopologyApi);
  private readonly events = inject(DirectoryEvents);
  readonly virtualServer = new Editable<VirtualServerDto>();

  load(id: string): Promise<VirtualServerDto | null> {
    return this.virtualServer.load(() => this.api.virtualServer(id));
  }

  async save(id: string, changes: UpdateVirtualServerRequest): Promise<boolean> {
    const saved = await this.virtualServer.save(() => this.api.updateVirtualServer(id, changes));
    if (saved) this.events.emit({ type: 'virtual-server', id, action: 'update' });
    return saved;
  }
}
