import { Injectable, inject } from '@angular/core';
import type { OrganizationDto, UpdateOrganizationRequest } from '@estafette/contracts';
import { OrganizationApi } from '../../core/api/organization.api';
import { DirectoryEvents } from '../../core/events/directory-events';
import { Editable } from '../../shared/data/editable';

/** The organisation object: name and organisation-wide message limits. */
@Injectable()
export class OrganizationStore {
  private readonly api = inject(OrganizationApi);
  private readonly events = inject(DirectoryEvents);
  readonly organization = new Editable<OrganizationDto>();

  load(): Promise<OrganizationDto | null> {
    return this.organization.load(() => this.api.get());
  }

  async save(changes: UpdateOrganizationRequest): Promise<boolean> {
    const saved = await this.organization.save(() => this.api.update(changes));
    const id = this.organization.value()?.id;
    if (saved && id) this.events.emit({ type: 'organization', id, action: 'update' });
    return saved;
  }
}
