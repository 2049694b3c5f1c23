import type { FolderPermissionDto, PublicFolderDto } from '@estafette/contracts';
import type { PublicFolderViewRow } from './public-folder.repository';

/** Paths leave out the root's own name, as IMAP and NNTP will show them: '/', '/Marketing', '/Marketing/Campaigns'. */
export function childPath(parentPath: string, name: string): string {
  return parentPath === '/' ? `/${name}` : `${parentPath}/${name}`;
}

export function toPublicFolderDto(
  row: PublicFolderViewRow,
  path: string,
  permissions: FolderPermissionDto[],
): PublicFolderDto {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    path,
    description: row.description,
    ownerId: row.owner_id,
    mailEnabled: row.mail_enabled,
    alias: row.alias,
    displayName: row.display_name,
    primarySmtpAddress: row.primary_smtp_address,
    hiddenFromAddressLists: row.hidden_from_address_lists,
    permissions,
    hasChildren: row.has_children,
  };
}
