import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ServerEntity } from '../../entities/server.entity';

/** A connector that names a server as one of its bridgeheads. */
export interface BridgeheadUse {
  kind: 'routing group connector' | 'SMTP connector';
  name: string;
}

@Injectable()
export class ServerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findAll(): Promise<ServerEntity[]> {
    return this.db.getRepository(ServerEntity).createQueryBuilder('s').orderBy('lower(s.name)').getMany();
  }

  findById(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<ServerEntity | null> {
    return manager
      .getRepository(ServerEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  /** Ids of those of the given servers that are members of the routing group. */
  async findMembersAmong(manager: EntityManager, routingGroupId: string, serverIds: string[]): Promise<Set<string>> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM server WHERE routing_group_id = $1 AND id = ANY($2::uuid[])`,
      [routingGroupId, serverIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  save(manager: EntityManager, server: ServerEntity): Promise<ServerEntity> {
    return manager.getRepository(ServerEntity).save(server);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(ServerEntity).delete({ id });
  }

  async countStorageGroups(manager: EntityManager, id: string): Promise<number> {
    const [row] = await manager.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM storage_group WHERE server_id = $1`,
      [id],
    );
    return Number(row.n);
  }

  /** Bridgehead lists are uuid arrays without foreign keys, so the references are looked up here. */
  findBridgeheadUses(manager: EntityManager, id: string): Promise<BridgeheadUse[]> {
    return manager.query<BridgeheadUse[]>(
      `SELECT 'routing group connector' AS kind, name FROM routing_group_connector
        WHERE $1::uuid = ANY(source_bridgehead_ids) OR $1::uuid = ANY(target_bridgehead_ids)
       UNION ALL
       SELECT 'SMTP connector' AS kind, name FROM smtp_connector WHERE $1::uuid = ANY(bridgehead_server_ids)
       ORDER BY name`,
      [id],
    );
  }
}
