import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/query-rows';

export interface AclRow {
  granteeId: string | null;
  granteeAlias: string | null;
  granteeAddress: string | null;
  rights: string;
}

/** A folder of another mailbox on which a user holds rights (own grant or "anyone"). */
export interface GrantRow {
  folderId: string;
  mailboxId: string;
  ownerId: string;
  ownerAlias: string;
  ownerAddress: string | null;
  rights: string;
}

@Injectable()
export class FolderAclRepository {
  async list(manager: EntityManager, folderId: string): Promise<AclRow[]> {
    const rows = await manager.query<
      Array<{ grantee_id: string | null; alias: string | null; address: string | null; rights: string }>
    >(
      `SELECT a.grantee_id, r.alias, r.primary_smtp_address AS address, a.rights
         FROM folder_acl a LEFT JOIN recipient r ON r.id = a.grantee_id
        WHERE a.folder_id = $1 ORDER BY a.grantee_id NULLS FIRST, r.alias`,
      [folderId],
    );
    return rows.map((r) => ({
      granteeId: r.grantee_id,
      granteeAlias: r.alias,
      granteeAddress: r.address,
      rights: r.rights,
    }));
  }

  async ownerOf(manager: EntityManager, folderId: string): Promise<{ alias: string; address: string | null } | null> {
    const [row] = await manager.query<Array<{ alias: string; address: string | null }>>(
      `SELECT r.alias, r.primary_smtp_address AS address
         FROM folder f JOIN mailbox m ON m.id = f.mailbox_id JOIN recipient r ON r.id = m.recipient_id
        WHERE f.id = $1`,
      [folderId],
    );
    return row ?? null;
  }

  /** The grants that apply to `userId` on a folder: the user's own row and the "anyone" row. */
  async grantsFor(manager: EntityManager, folderId: string, userId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ rights: string }>>(
      `SELECT rights FROM folder_acl WHERE folder_id = $1 AND (grantee_id = $2 OR grantee_id IS NULL)`,
      [folderId, userId],
    );
    return rows.map((r) => r.rights);
  }

  async upsert(
    manager: EntityManager,
    folderIds: readonly string[],
    granteeId: string | null,
    rights: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO folder_acl (folder_id, grantee_id, rights) SELECT unnest($1::uuid[]), $2::uuid, $3
       ON CONFLICT (folder_id, COALESCE(grantee_id, '00000000-0000-0000-0000-000000000000'::uuid))
       DO UPDATE SET rights = EXCLUDED.rights, updated_at = now()`,
      [folderIds, granteeId, rights],
    );
  }

  async remove(manager: EntityManager, folderIds: readonly string[], granteeId: string | null): Promise<void> {
    await manager.query(
      `DELETE FROM folder_acl WHERE folder_id = ANY($1::uuid[]) AND grantee_id IS NOT DISTINCT FROM $2::uuid`,
      [folderIds, granteeId],
    );
  }

  /** A new subfolder starts with its parent's permissions, as Outlook's folders do. */
  async inherit(manager: EntityManager, parentId: string, folderId: string): Promise<void> {
    await queryRows(
      manager,
      `INSERT INTO folder_acl (folder_id, grantee_id, rights) SELECT $2, grantee_id, rights FROM folder_acl WHERE folder_id = $1`,
      [parentId, folderId],
    );
  }

  /** Folders of other mailboxes that `userId` may see (the "l" right), for the other-users namespace. */
  async visibleTo(manager: EntityManager, userId: string): Promise<GrantRow[]> {
    const rows = await manager.query<
      Array<{
        folder_id: string;
        mailbox_id: string;
        owner_id: string;
        alias: string;
        address: string | null;
        rights: string;
      }>
    >(
      `SELECT a.folder_id, f.mailbox_id, m.recipient_id AS owner_id, r.alias, r.primary_smtp_address AS address,
              string_agg(a.rights, '') AS rights
         FROM folder_acl a
         JOIN folder f ON f.id = a.folder_id
         JOIN mailbox m ON m.id = f.mailbox_id
         JOIN recipient r ON r.id = m.recipient_id
        WHERE (a.grantee_id = $1 OR a.grantee_id IS NULL) AND m.recipient_id <> $1
        GROUP BY a.folder_id, f.mailbox_id, m.recipient_id, r.alias, r.primary_smtp_address`,
      [userId],
    );
    return rows.map((r) => ({
      folderId: r.folder_id,
      mailboxId: r.mailbox_id,
      ownerId: r.owner_id,
      ownerAlias: r.alias,
      ownerAddress: r.address,
      rights: r.rights,
    }));
  }
}
