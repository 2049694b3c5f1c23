import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OrganizationEntity } from '../entities/organization.entity';

@Injectable()
export class OrganizationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findTheOrganization(manager: EntityManager = this.db.manager): Promise<OrganizationEntity | null> {
    return manager.getRepository(OrganizationEntity).findOne({ where: {} });
  }

  async save(manager: EntityManager, org: OrganizationEntity): Promise<OrganizationEntity> {
    return manager.getRepository(OrganizationEntity).save(org);
  }
}
