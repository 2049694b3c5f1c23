import { Injectable, inject } from '@angular/core';
import type {
  AuthoritativeDomainDto,
  CreateRecipientContainerRequest,
  CreateRecipientPolicyRequest,
  CreateRecipientRequest,
  PolicyApplicationResult,
  Page,
  RecipientContainerDto,
  RecipientDto,
  RecipientKind,
  RecipientPolicyDto,
  RecipientSummaryDto,
  UpdateRecipientPolicyRequest,
  UpdateRecipientRequest,
} from '@estafette/contracts';
import { ApiHttp } from './api-http';

export interface RecipientQuery {
  kind?: RecipientKind;
  containerId?: string;
  search?: string;
  cursor?: string | null;
  limit?: number;
}

/** Recipients, recipient containers (organisational units) and recipient policies. */
@Injectable({ providedIn: 'root' })
export class RecipientsApi {
  private readonly http = inject(ApiHttp);

  containers(): Promise<RecipientContainerDto[]> {
    return this.http.list('/recipient-containers');
  }

  container(id: string): Promise<RecipientContainerDto> {
    return this.http.get(`/recipient-containers/${encodeURIComponent(id)}`);
  }

  createContainer(request: CreateRecipientContainerRequest): Promise<RecipientContainerDto> {
    return this.http.post('/recipient-containers', request);
  }

  deleteContainer(id: string): Promise<unknown> {
    return this.http.delete(`/recipient-containers/${encodeURIComponent(id)}`);
  }

  recipients(query: RecipientQuery): Promise<Page<RecipientSummaryDto>> {
    return this.http.page('/recipients', { ...query });
  }

  recipient(id: string): Promise<RecipientDto> {
    return this.http.get(`/recipients/${encodeURIComponent(id)}`);
  }

  create(request: CreateRecipientRequest): Promise<RecipientDto> {
    return this.http.post('/recipients', request);
  }

  update(id: string, changes: UpdateRecipientRequest): Promise<RecipientDto> {
    return this.http.patch(`/recipients/${encodeURIComponent(id)}`, changes);
  }

  delete(id: string): Promise<unknown> {
    return this.http.delete(`/recipients/${encodeURIComponent(id)}`);
  }

  policies(): Promise<RecipientPolicyDto[]> {
    return this.http.list('/recipient-policies');
  }

  policy(id: string): Promise<RecipientPolicyDto> {
    return this.http.get(`/recipient-policies/${encodeURIComponent(id)}`);
  }

  createPolicy(request: CreateRecipientPolicyRequest): Promise<RecipientPolicyDto> {
    return this.http.post('/recipient-policies', request);
  }

  updatePolicy(id: string, changes: UpdateRecipientPolicyRequest): Promise<RecipientPolicyDto> {
    return this.http.patch(`/recipient-policies/${encodeURIComponent(id)}`, changes);
  }

  deletePolicy(id: string): Promise<unknown> {
    return this.http.delete(`/recipient-policies/${encodeURIComponent(id)}`);
  }

  /** "Apply this policy now": re-stamps the addresses of the recipients it matches. */
  /** Runs every policy over every recipient (the Recipient Update Service's "Rebuild"). */
  applyAllPolicies(): Promise<PolicyApplicationResult> {
    return this.http.post('/recipient-policies/apply');
  }

  applyPolicy(id: string): Promise<PolicyApplicationResult> {
    return this.http.post(`/recipient-policies/${encodeURIComponent(id)}/apply`);
  }

  /** Replaces the member list of a distribution group. */
  setMembers(id: string, memberIds: string[]): Promise<RecipientDto> {
    return this.http.put(`/recipients/${encodeURIComponent(id)}/members`, { memberIds });
  }

  /** The distribution groups that list the recipient directly. */
  memberOf(id: string): Promise<RecipientSummaryDto[]> {
    return this.http.get(`/recipients/${encodeURIComponent(id)}/member-of`);
  }

  setPassword(id: string, password: string): Promise<unknown> {
    return this.http.post(`/recipients/${encodeURIComponent(id)}/password`, { password });
  }

  domains(): Promise<AuthoritativeDomainDto[]> {
    return this.http.list('/domains');
  }
}
