import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PublicFolderEntity } from '../../entities/public-folder.entity';

/** Serialises moves in the folder tree so two concurrent moves cannot build a cycle together. */
const PUBLIC_FOLDER_TREE_LOCK = 7_461_003_002;

/** A folder as the API shows it: the row plus what is derived from its neighbours. */
export interface PublicFolderViewRow {
  id: string;
  parent_id: string | null;
  name: string;
  description: string;
  owner_id: string | null;
  mail_enabled: boolean;
  alias: string | null;
  display_name: string | null;
  hidden_from_address_lists: boolean;
  has_children: boolean;
  primary_smtp_address: string | null;
  /** Set for single-folder reads; children get theirs from the parent's path. */
  path?: string;
}

const VIEW_COLUMNS = `f.id, f.parent_id, f.name, f.description, f.owner_id, f.mail_enabled, f.alias, f.display_name,
  f.hidden_from_address_lists,
  EXISTS (SELECT 1 FROM public_folder c WHERE c.parent_id = f.id) AS has_children,
  (SELECT a.address FROM recipient_address a WHERE a.public_folder_id = f.id AND a.is_primary) AS primary_smtp_address`;

@Injectable()
export class PublicFolderRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** 'Public Folders', made by setup: the only folder without a parent. */
  async findRootId(manager: EntityManager = this.db.manager): Promise<string | null> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM public_folder WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`,
    );
    return rows[0]?.id ?? null;
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<PublicFolderEntity | null> {
    return manager.getRepository(PublicFolderEntity).findOne({ where: { id } });
  }

  findByIdForUpdate(manager: EntityManager, id: string): Promise<PublicFolderEntity | null> {
    return manager.getRepository(PublicFolderEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** One folder with its path ('/' for the root, '/A/B' below it, the root's own name left out). */
  async findView(id: string, manager: EntityManager = this.db.manager): Promise<PublicFolderViewRow | null> {
    const rows = await manager.query<PublicFolderViewRow[]>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, name, 0 AS depth FROM public_folder WHERE id = $1
         UNION ALL
         SELECT p.id, p.parent_id, p.name, up.depth + 1 FROM public_folder p JOIN up ON p.id = up.parent_id
       )
       SELECT ${VIEW_COLUMNS},
         '/' || COALESCE((SELECT string_agg(up.name, '/' ORDER BY up.depth DESC) FROM up WHERE up.parent_id IS NOT NULL), '') AS path
       FROM public_folder f WHERE f.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  findChildViews(parentId: string): Promise<PublicFolderViewRow[]> {
    return this.db.query<PublicFolderViewRow[]>(
      `SELECT ${VIEW_COLUMNS} FROM public_folder f WHERE f.parent_id = $1 ORDER BY lower(f.name), f.id`,
      [parentId],
    );
  }

  create(
    manager: EntityManager,
    values: Pick<PublicFolderEntity, 'parentId' | 'name' | 'description' | 'ownerId' | 'publicStoreId'>,
  ): Promise<PublicFolderEntity> {
    const repo = manager.getRepository(PublicFolderEntity);
    return repo.save(
      repo.create({ ...values, mailEnabled: false, alias: null, displayName: null, hiddenFromAddressLists: false }),
    );
  }

  save(manager: EntityManager, folder: PublicFolderEntity): Promise<PublicFolderEntity> {
    return manager.getRepository(PublicFolderEntity).save(folder);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(PublicFolderEntity).delete({ id });
  }

  async hasChildren(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM public_folder WHERE parent_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  /** True when `folderId` is `candidateParentId` or one of its ancestors (moving there would make a cycle). */
  async isSelfOrAncestorOf(manager: EntityManager, folderId: string, candidateParentId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id FROM public_folder WHERE id = $2
         UNION ALL
         SELECT p.id, p.parent_id FROM public_folder p JOIN up ON p.id = up.parent_id
       )
       SELECT 1 FROM up WHERE id = $1 LIMIT 1`,
      [folderId, candidateParentId],
    );
    return rows.length > 0;
  }

  async lockTree(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [PUBLIC_FOLDER_TREE_LOCK]);
  }

  /** The ids among `ids` that are recipients (owners and permission entries must be). */
  async existingRecipientIds(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM recipient WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    return new Set(rows.map((r) => r.id));
  }
}
