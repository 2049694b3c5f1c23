import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RecipientContainerEntity } from '../../entities/recipient-container.entity';

@Injectable()
export class RecipientContainerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findAll(): Promise<RecipientContainerEntity[]> {
    return this.db
      .getRepository(RecipientContainerEntity)
      .createQueryBuilder('c')
      .orderBy('lower(c.name)')
      .addOrderBy('c.id')
      .getMany();
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<RecipientContainerEntity | null> {
    return manager.getRepository(RecipientContainerEntity).findOneBy({ id });
  }

  /** Locks the row so a concurrent move or delete waits for this transaction. */
  findByIdForUpdate(manager: EntityManager, id: string): Promise<RecipientContainerEntity | null> {
    return manager
      .getRepository(RecipientContainerEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The top-level container named Users that first run creates: where new recipients go by default. */
  async findDefaultContainerId(manager: EntityManager = this.db.manager): Promise<string | null> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM recipient_container WHERE parent_id IS NULL AND lower(name) = 'users' LIMIT 1`,
    );
    return rows[0]?.id ?? null;
  }

  /** The parents of a container, nearest first, up to the root. Bounded so corrupt data cannot loop. */
  async findAncestorIds(id: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `WITH RECURSIVE up(id, parent_id, depth) AS (
         SELECT c.id, c.parent_id, 0 FROM recipient_container c WHERE c.id = $1
         UNION ALL
         SELECT p.id, p.parent_id, up.depth + 1 FROM recipient_container p JOIN up ON p.id = up.parent_id WHERE up.depth < 100
       )
       SELECT id FROM up WHERE depth > 0 ORDER BY depth`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Serialises re-parenting: two concurrent moves (A under B, B under A) would each pass the loop check
   * against the other's uncommitted state. Held until the transaction ends.
   */
  async lockHierarchy(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('estafette:recipient_container:hierarchy'))`);
  }

  async countChildren(manager: EntityManager, id: string): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM recipient_container WHERE parent_id = $1`,
      [id],
    );
    return rows[0].n;
  }

  async countRecipients(manager: EntityManager, id: string): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM recipient WHERE container_id = $1`,
      [id],
    );
    return rows[0].n;
  }

  save(manager: EntityManager, container: RecipientContainerEntity): Promise<RecipientContainerEntity> {
    return manager.getRepository(RecipientContainerEntity).save(container);
  }

  create(
    manager: EntityManager,
    fields: Pick<RecipientContainerEntity, 'name' | 'parentId' | 'description'>,
  ): RecipientContainerEntity {
    return manager.getRepository(RecipientContainerEntity).create(fields);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(RecipientContainerEntity).delete({ id });
  }
}
