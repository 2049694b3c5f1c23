import type { FolderItemScope, FolderRights, FolderRole } from '@estafette/contracts';

const row = (
  createItems: boolean,
  readItems: boolean,
  createSubfolders: boolean,
  folderOwner: boolean,
  editItems: FolderItemScope,
  deleteItems: FolderItemScope,
): FolderRights => ({
  createItems,
  readItems,
  createSubfolders,
  folderOwner,
  // Only Owner is folder contact; every named role, None included, leaves the folder visible.
  folderContact: folderOwner,
  folderVisible: true,
  editItems,
  deleteItems,
});

/**
 * The client rights of each named public folder role, as the Exchange 2003
 * role table defines them (/work/shared/reference/exchange-2003.md §3.3, after
 * KB 243595 and the Outlook role definitions). The IMAP shared namespace and
 * NNTP map these onto their own operations.
 */
const ROLE_RIGHTS: Readonly<Record<FolderRole, FolderRights>> = {
  owner: row(true, true, true, true, 'all', 'all'),
  'publishing-editor': row(true, true, true, false, 'all', 'all'),
  editor: row(true, true, false, false, 'all', 'all'),
  'publishing-author': row(true, true, true, false, 'own', 'own'),
  author: row(true, true, false, false, 'own', 'own'),
  'nonediting-author': row(true, true, false, false, 'none', 'own'),
  reviewer: row(false, true, false, false, 'none', 'none'),
  contributor: row(true, false, false, false, 'none', 'none'),
  none: row(false, false, false, false, 'none', 'none'),
};

/** The rights a role grants, as a fresh object so callers cannot alter the table. */
export function rightsOfRole(role: FolderRole): FolderRights {
  return { ...ROLE_RIGHTS[role] };
}
