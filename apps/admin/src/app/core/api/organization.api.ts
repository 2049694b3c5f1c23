import { Injectable, inject } from '@angular/core';
import type { AuditEntryDto, OrganizationDto, UpdateOrganizationRequest } from '@estafette/contracts';
import { ApiHttp } from './api-http';

@Injectable({ providedIn: 'root' })
export class OrganizationApi {
  private readonly http = inject(ApiHttp);

  get(): Promise<OrganizationDto> {
    return this.http.get('/organization');
  }

  update(request: UpdateOrganizationRequest): Promise<OrganizationDto> {
    return this.http.patch('/organization', request);
  }

  audit(query: { objectType?: string; objectId?: string; before?: string; limit?: number }): Promise<AuditEntryDto[]> {
    return this.http.get('/audit', query);
  }
}
