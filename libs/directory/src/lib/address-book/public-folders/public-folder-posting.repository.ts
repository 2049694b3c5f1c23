import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { FolderRole } from '@estafette/contracts';

/** What delivery into a public folder reads of the tree: where the folder lives and who may post. */
@Injectable()
export class PublicFolderPostingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The public folder store of a folder: its own, else the nearest ancestor's, else the organisation's
   * first public folder store (first run leaves the tree unassigned, with one public store).
   */
  async homeStore(folderId: string): Promise<string | null> {
    const rows = await this.db.query<Array<{ store_id: string | null }>>(
      `WITH RECURSIVE up(id, parent_id, public_store_id, depth) AS (
         SELECT id, parent_id, public_store_id, 0 FROM public_folder WHERE id = $1
         UNION ALL
         SELECT p.id, p.parent_id, p.public_store_id, up.depth + 1 FROM public_folder p JOIN up ON p.id = up.parent_id
           WHERE up.depth < 100
       )
       SELECT COALESCE(
         (SELECT public_store_id FROM up WHERE public_store_id IS NOT NULL ORDER BY depth LIMIT 1),
         (SELECT id FROM information_store WHERE kind = 'public' ORDER BY created_at, id LIMIT 1)
       ) AS store_id`,
      [folderId],
    );
    return rows[0]?.store_id ?? null;
  }

  /** The role a principal holds on a folder: a recipient's own entry, or the Default/Anonymous entry. */
  async roleOf(
    folderId: string,
    principal: { recipientId: string } | 'default' | 'anonymous',
  ): Promise<FolderRole | null> {
    const rows =
      typeof principal === 'string'
        ? await this.db.query<Array<{ role: FolderRole }>>(
            `SELECT role FROM public_folder_permission WHERE folder_id = $1 AND principal = $2`,
            [folderId, principal],
          )
        : await this.db.query<Array<{ role: FolderRole }>>(
            `SELECT role FROM public_folder_permission WHERE folder_id = $1 AND principal = 'recipient' AND recipient_id = $2`,
            [folderId, principal.recipientId],
          );
    return rows[0]?.role ?? null;
  }
}
