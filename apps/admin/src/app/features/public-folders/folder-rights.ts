import type { FolderRights, FolderRole } from '@estafette/contracts';

/** The client permission roles of Exchange 2003 public folders and the rights each grants. */
export const FOLDER_ROLES: ReadonlyArray<{ role: FolderRole; label: string; rights: FolderRights }> = [
  { role: 'owner', label: 'Owner', rights: rights(true, true, true, true, true, 'all', 'all') },
  {
    role: 'publishing-editor',
    label: 'Publishing Editor',
    rights: rights(true, true, true, false, false, 'all', 'all'),
  },
  { role: 'editor', label: 'Editor', rights: rights(true, true, false, false, false, 'all', 'all') },
  {
    role: 'publishing-author',
    label: 'Publishing Author',
    rights: rights(true, true, true, false, false, 'own', 'own'),
  },
  { role: 'author', label: 'Author', rights: rights(true, true, false, false, false, 'own', 'own') },
  {
    role: 'nonediting-author',
    label: 'Nonediting Author',
    rights: rights(true, true, false, false, false, 'none', 'own'),
  },
  { role: 'reviewer', label: 'Reviewer', rights: rights(false, true, false, false, false, 'none', 'none') },
  { role: 'contributor', label: 'Contributor', rights: rights(true, false, false, false, false, 'none', 'none') },
  { role: 'none', label: 'None', rights: rights(false, false, false, false, false, 'none', 'none') },
];

function rights(
  createItems: boolean,
  readItems: boolean,
  createSubfolders: boolean,
  folderOwner: boolean,
  folderContact: boolean,
  editItems: FolderRights['editItems'],
  deleteItems: FolderRights['deleteItems'],
): FolderRights {
  return {
    createItems,
    readItems,
    createSubfolders,
    folderOwner,
    folderContact,
    folderVisible: true,
    editItems,
    deleteItems,
  };
}

export function roleLabel(role: FolderRole): string {
  return FOLDER_ROLES.find((r) => r.role === role)?.label ?? role;
}

export function rightsOf(role: FolderRole): FolderRights {
  return FOLDER_ROLES.find((r) => r.role === role)?.rights ?? FOLDER_ROLES[FOLDER_ROLES.length - 1].rights;
}
