import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AddressTemplate } from '@estafette/contracts';

/** Who holds an address or alias, for a 409 that names the object. */
export interface AddressHolder {
  kind: 'recipient' | 'public-folder';
  id: string;
  name: string;
}

/** The e-mail addresses of mail-enabled public folders (rows of recipient_address with public_folder_id). */
@Injectable()
export class PublicFolderAddressRepository {
  /** The primary SMTP address template of the default recipient policy, e.g. '%m@example.com'. */
  async defaultPolicyPrimaryTemplate(manager: EntityManager): Promise<string | null> {
    const rows = await manager.query<Array<{ address_templates: AddressTemplate[] }>>(
      `SELECT address_templates FROM recipient_policy WHERE is_default`,
    );
    const templates = rows[0]?.address_templates ?? [];
    return templates.find((t) => t.primary)?.template ?? null;
  }

  async findAddressHolder(manager: EntityManager, addressKey: string): Promise<AddressHolder | null> {
    const rows = await manager.query<AddressHolder[]>(
      `SELECT CASE WHEN a.recipient_id IS NOT NULL THEN 'recipient' ELSE 'public-folder' END AS kind,
              COALESCE(a.recipient_id, a.public_folder_id) AS id,
              COALESCE(r.display_name, f.name) AS name
       FROM recipient_address a
       LEFT JOIN recipient r ON r.id = a.recipient_id
       LEFT JOIN public_folder f ON f.id = a.public_folder_id
       WHERE a.address_key = $1`,
      [addressKey],
    );
    return rows[0] ?? null;
  }

  /** Aliases are unique across recipients and folders: LDAP and the categorizer resolve them alike. */
  async findAliasHolder(manager: EntityManager, alias: string, exceptFolderId: string): Promise<AddressHolder | null> {
    const rows = await manager.query<AddressHolder[]>(
      `SELECT 'recipient' AS kind, id, display_name AS name FROM recipient WHERE lower(alias) = lower($1)
       UNION ALL
       SELECT 'public-folder', id, name FROM public_folder WHERE lower(alias) = lower($1) AND id <> $2
       LIMIT 1`,
      [alias, exceptFolderId],
    );
    return rows[0] ?? null;
  }

  /** Makes `address` the folder's only address (Exchange regenerates a folder's addresses from the policy). */
  async replaceAddresses(manager: EntityManager, folderId: string, address: string, addressKey: string): Promise<void> {
    await this.deleteAddresses(manager, folderId);
    await manager.query(
      `INSERT INTO recipient_address (public_folder_id, address, address_key, is_primary, from_policy) VALUES ($1, $2, $3, true, true)`,
      [folderId, address, addressKey],
    );
  }

  async deleteAddresses(manager: EntityManager, folderId: string): Promise<void> {
    await manager.query(`DELETE FROM recipient_address WHERE public_folder_id = $1`, [folderId]);
  }
}
