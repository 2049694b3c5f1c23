import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { OrganizationDto, UpdateOrganizationRequest } from '@estafette/contracts';
import { AuditLogService, type Actor } from '@estafette/security';
import type { OrganizationEntity } from '../entities/organization.entity';
import { inTransaction } from '../common/transaction';
import { OrganizationRepository } from './organization.repository';

export function toOrganizationDto(org: OrganizationEntity): OrganizationDto {
  return {
    id: org.id,
    name: org.name,
    maxMessageSizeKb: org.maxMessageSizeKb,
    maxRecipientsPerMessage: org.maxRecipientsPerMessage,
  };
}

/** The organisation object and its global settings (message delivery defaults). */
@Injectable()
export class OrganizationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly audit: AuditLogService,
  ) {}

  async get(): Promise<OrganizationDto> {
    const org = await this.organizations.findTheOrganization();
    if (!org) throw new NotFoundException('the organisation has not been set up yet');
    return toOrganizationDto(org);
  }

  update(actor: Actor, changes: UpdateOrganizationRequest): Promise<OrganizationDto> {
    return inTransaction(this.db, async (manager) => {
      const org = await this.organizations.findTheOrganization(manager);
      if (!org) throw new NotFoundException('the organisation has not been set up yet');
      const before = toOrganizationDto(org);
      Object.assign(org, changes);
      const after = toOrganizationDto(await this.organizations.save(manager, org));
      await this.audit.record(manager, actor, {
        action: 'update',
        objectType: 'organization',
        objectId: org.id,
        objectName: org.name,
        before,
        after,
      });
      return after;
    });
  }
}
