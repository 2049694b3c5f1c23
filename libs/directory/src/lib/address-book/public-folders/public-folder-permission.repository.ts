import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { FolderPermissionDto, FolderPrincipal, FolderRole } from '@estafette/contracts';

interface PermissionRow {
  folder_id: string;
  principal: FolderPrincipal;
  recipient_id: string | null;
  role: FolderRole;
}

@Injectable()
export class PublicFolderPermissionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Entries per folder id: Default, Anonymous, then recipients (stable order for the console and audit diffs). */
  async findByFolders(
    folderIds: string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, FolderPermissionDto[]>> {
    const byFolder = new Map<string, FolderPermissionDto[]>(folderIds.map((id) => [id, []]));
    if (folderIds.length === 0) return byFolder;
    const rows = await manager.query<PermissionRow[]>(
      `SELECT folder_id, principal, recipient_id, role FROM public_folder_permission
       WHERE folder_id = ANY($1::uuid[])
       ORDER BY folder_id, CASE principal WHEN 'default' THEN 0 WHEN 'anonymous' THEN 1 ELSE 2 END, recipient_id`,
      [folderIds],
    );
    for (const row of rows) {
      byFolder.get(row.folder_id)?.push({ principal: row.principal, recipientId: row.recipient_id, role: row.role });
    }
    return byFolder;
  }

  async findByFolder(folderId: string, manager: EntityManager = this.db.manager): Promise<FolderPermissionDto[]> {
    return (await this.findByFolders([folderId], manager)).get(folderId) ?? [];
  }

  /** Replaces the whole list of a folder, as the permissions dialog saves it. */
  async replace(manager: EntityManager, folderId: string, entries: readonly FolderPermissionDto[]): Promise<void> {
    await manager.query(`DELETE FROM public_folder_permission WHERE folder_id = $1`, [folderId]);
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO public_folder_permission (folder_id, principal, recipient_id, role)
       SELECT $1, e.principal, e.recipient_id, e.role
       FROM unnest($2::text[], $3::uuid[], $4::text[]) AS e(principal, recipient_id, role)`,
      [folderId, entries.map((e) => e.principal), entries.map((e) => e.recipientId), entries.map((e) => e.role)],
    );
  }
}
