import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toNumber } from '../common/bigint';
import { queryRows } from '../common/query-rows';

/** The store folder that holds a public folder's items. */
export interface PublicFolderContentRow {
  folderId: string;
  uidvalidity: number;
  informationStoreId: string;
}

/**
 * The content side of public folders: one mailbox of kind 'public' per public folder store, and in it one
 * folder per public folder (by public_folder_id), both created at first use. Creation is idempotent under
 * concurrency: the unique indexes make a second creator wait and then find the first one's row.
 */
@Injectable()
export class PublicFolderContentRepository {
  async ensureFolder(
    manager: EntityManager,
    publicStoreId: string,
    publicFolderId: string,
  ): Promise<PublicFolderContentRow> {
    await manager.query(
      `INSERT INTO mailbox (kind, information_store_id) VALUES ('public', $1)
       ON CONFLICT (information_store_id) WHERE kind = 'public' DO NOTHING`,
      [publicStoreId],
    );
    // The folder's name is the public folder's id: unique in the store's mailbox and free of '/'; readers
    // show the tree's names from public_folder instead.
    await manager.query(
      `INSERT INTO folder (mailbox_id, name, public_folder_id, subscribed)
       SELECT id, $2::text, $2::uuid, false FROM mailbox WHERE kind = 'public' AND information_store_id = $1
       ON CONFLICT (public_folder_id) DO NOTHING`,
      [publicStoreId, publicFolderId],
    );
    const found = await this.findFolder(manager, publicFolderId);
    if (!found) throw new Error(`the content folder of public folder ${publicFolderId} could not be created`);
    return found;
  }

  /** The folder holding a public folder's items, or null when nothing was ever posted to it. */
  async findFolder(manager: EntityManager, publicFolderId: string): Promise<PublicFolderContentRow | null> {
    const [row] = await queryRows<Array<{ id: string; uidvalidity: string; information_store_id: string }>>(
      manager,
      `SELECT f.id, f.uidvalidity, m.information_store_id FROM folder f JOIN mailbox m ON m.id = f.mailbox_id
        WHERE f.public_folder_id = $1`,
      [publicFolderId],
    );
    return row
      ? { folderId: row.id, uidvalidity: toNumber(row.uidvalidity), informationStoreId: row.information_store_id }
      : null;
  }

  /** Content folders whose public folder was deleted (detached by the foreign key), up to `limit`. */
  async findDetached(manager: EntityManager, limit: number): Promise<string[]> {
    const rows = await queryRows<Array<{ id: string }>>(
      manager,
      `SELECT f.id FROM folder f JOIN mailbox m ON m.id = f.mailbox_id
        WHERE m.kind = 'public' AND f.public_folder_id IS NULL ORDER BY f.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }
}
