import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RoutingGroupEntity } from '../../entities/routing-group.entity';

export interface RoutingGroupConnectorCounts {
  routingGroupConnectors: number;
  smtpConnectors: number;
}

@Injectable()
export class RoutingGroupRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findAll(): Promise<RoutingGroupEntity[]> {
    return this.db.getRepository(RoutingGroupEntity).createQueryBuilder('g').orderBy('lower(g.name)').getMany();
  }

  findById(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<RoutingGroupEntity | null> {
    return manager
      .getRepository(RoutingGroupEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  /** Member server ids per routing group, oldest member first (the one that becomes master by default). */
  async findMemberIds(
    manager: EntityManager = this.db.manager,
    routingGroupIds?: string[],
  ): Promise<Map<string, string[]>> {
    const rows = await manager.query<Array<{ id: string; routing_group_id: string }>>(
      `SELECT id, routing_group_id FROM server
       WHERE $1::uuid[] IS NULL OR routing_group_id = ANY($1::uuid[])
       ORDER BY created_at, id`,
      [routingGroupIds ?? null],
    );
    const members = new Map<string, string[]>();
    for (const row of rows) members.set(row.routing_group_id, [...(members.get(row.routing_group_id) ?? []), row.id]);
    return members;
  }

  create(
    manager: EntityManager,
    values: Pick<RoutingGroupEntity, 'name' | 'administrativeGroupId'>,
  ): Promise<RoutingGroupEntity> {
    const repo = manager.getRepository(RoutingGroupEntity);
    return repo.save(repo.create({ ...values, masterServerId: null }));
  }

  save(manager: EntityManager, group: RoutingGroupEntity): Promise<RoutingGroupEntity> {
    return manager.getRepository(RoutingGroupEntity).save(group);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(RoutingGroupEntity).delete({ id });
  }

  async countAll(manager: EntityManager): Promise<number> {
    return manager.getRepository(RoutingGroupEntity).count();
  }

  async countConnectors(manager: EntityManager, id: string): Promise<RoutingGroupConnectorCounts> {
    const [row] = await manager.query<Array<{ rgc: string; smtp: string }>>(
      `SELECT (SELECT count(*) FROM routing_group_connector
                WHERE source_routing_group_id = $1 OR target_routing_group_id = $1) AS rgc,
              (SELECT count(*) FROM smtp_connector WHERE routing_group_id = $1) AS smtp`,
      [id],
    );
    return { routingGroupConnectors: Number(row.rgc), smtpConnectors: Number(row.smtp) };
  }
}
