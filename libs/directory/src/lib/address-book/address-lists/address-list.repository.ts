import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AddressListEntity } from '../../entities/address-list.entity';

/** Serialises moves in the address list tree so two concurrent moves cannot build a cycle together. */
const ADDRESS_LIST_TREE_LOCK = 7_461_003_001;

@Injectable()
export class AddressListRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** System lists first, then by name; the console builds the tree from parentId. */
  findAll(): Promise<AddressListEntity[]> {
    return this.db
      .getRepository(AddressListEntity)
      .createQueryBuilder('l')
      .orderBy('l.system', 'DESC')
      .addOrderBy('lower(l.name)', 'ASC')
      .getMany();
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<AddressListEntity | null> {
    return manager.getRepository(AddressListEntity).findOne({ where: { id } });
  }

  findByIdForUpdate(manager: EntityManager, id: string): Promise<AddressListEntity | null> {
    return manager.getRepository(AddressListEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The Default Global Address List made by setup (the oldest global list). */
  findDefaultGlobal(): Promise<AddressListEntity | null> {
    return this.db.getRepository(AddressListEntity).findOne({ where: { kind: 'global' }, order: { createdAt: 'ASC' } });
  }

  save(manager: EntityManager, list: AddressListEntity): Promise<AddressListEntity> {
    return manager.getRepository(AddressListEntity).save(list);
  }

  create(
    manager: EntityManager,
    values: Pick<AddressListEntity, 'name' | 'kind' | 'filter' | 'parentId'>,
  ): Promise<AddressListEntity> {
    const repo = manager.getRepository(AddressListEntity);
    return repo.save(repo.create({ ...values, system: false }));
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(AddressListEntity).delete({ id });
  }

  async hasChildren(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM address_list WHERE parent_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  /** True when `listId` is `candidateParentId` or one of its ancestors (moving there would make a cycle). */
  async isSelfOrAncestorOf(manager: EntityManager, listId: string, candidateParentId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id FROM address_list WHERE id = $2
         UNION ALL
         SELECT l.id, l.parent_id FROM address_list l JOIN up ON l.id = up.parent_id
       )
       SELECT 1 FROM up WHERE id = $1 LIMIT 1`,
      [listId, candidateParentId],
    );
    return rows.length > 0;
  }

  async lockTree(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [ADDRESS_LIST_TREE_LOCK]);
  }
}
