import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TopologyObjectKind } from './topology-object-kind';

/** For each kind: the SQL that finds the owning administrative group of an object ($1). */
const OWNER_SQL: Record<TopologyObjectKind, string> = {
  'administrative-group': `SELECT id AS ag FROM administrative_group WHERE id = $1`,
  'routing-group': `SELECT administrative_group_id AS ag FROM routing_group WHERE id = $1`,
  server: `SELECT administrative_group_id AS ag FROM server WHERE id = $1`,
  'storage-group': `SELECT s.administrative_group_id AS ag FROM storage_group g JOIN server s ON s.id = g.server_id WHERE g.id = $1`,
  'information-store': `SELECT s.administrative_group_id AS ag FROM information_store i
                          JOIN storage_group g ON g.id = i.storage_group_id JOIN server s ON s.id = g.server_id WHERE i.id = $1`,
  'virtual-server': `SELECT s.administrative_group_id AS ag FROM protocol_virtual_server v JOIN server s ON s.id = v.server_id WHERE v.id = $1`,
  // A routing group connector belongs to its source routing group, as in ESM.
  'routing-group-connector': `SELECT r.administrative_group_id AS ag FROM routing_group_connector c
                                JOIN routing_group r ON r.id = c.source_routing_group_id WHERE c.id = $1`,
  'smtp-connector': `SELECT r.administrative_group_id AS ag FROM smtp_connector c
                       JOIN routing_group r ON r.id = c.routing_group_id WHERE c.id = $1`,
};

@Injectable()
export class TopologyScopeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The administrative group an object belongs to, or null when the object does not exist. */
  async findAdministrativeGroupId(kind: TopologyObjectKind, id: string): Promise<string | null> {
    const rows = await this.db.query<Array<{ ag: string }>>(OWNER_SQL[kind], [id]);
    return rows[0]?.ag ?? null;
  }
}
