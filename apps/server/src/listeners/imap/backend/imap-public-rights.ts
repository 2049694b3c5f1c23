import type { FolderPermissionDto, FolderRights, FolderRole } from '@estafette/contracts';

/**
 * The role that decides for a user on a public folder: the user's own entry, else Default (every
 * authenticated user), else None, as PublicFolderPostingService resolves a sender (Exchange 2003).
 */
export function publicRoleOf(permissions: readonly FolderPermissionDto[], userId: string): FolderRole {
  const own = permissions.find((p) => p.principal === 'recipient' && p.recipientId === userId);
  return own?.role ?? permissions.find((p) => p.principal === 'default')?.role ?? 'none';
}

/**
 * RFC 4314 §2.1 rights for Exchange client permissions, limited to what IMAP can do on a public folder:
 * - folder visible → "l"; read items → "r";
 * - create items → "i" and "p" (RFC 4314 §2.1: "p" is posting to the folder by mail, which Create items allows);
 * - edit all items → "w" and "s": flags are kept per message, not per reader, so changing \Seen for
 *   everyone is an edit of the items and not a right of a mere reader;
 * - delete all items → "t" and "e".
 * "Own" edit and delete scopes map to nothing, as the store does not record who posted an item. "k", "x"
 * and "a" are not granted: subfolders, deletion and permissions of the tree are managed in the console.
 */
export function imapRightsOfPublicRole(rights: FolderRights): string {
  let out = '';
  if (rights.folderVisible) out += 'l';
  if (rights.readItems) out += 'r';
  if (rights.editItems === 'all') out += 's';
  if (rights.editItems === 'all') out += 'w';
  if (rights.createItems) out += 'ip';
  if (rights.deleteItems === 'all') out += 'te';
  return out;
}
