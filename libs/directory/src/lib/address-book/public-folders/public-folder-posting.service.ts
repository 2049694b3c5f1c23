import { Injectable } from '@nestjs/common';
import type { FolderRole } from '@estafette/contracts';
import { rightsOfRole } from './folder-rights';
import { PublicFolderPostingRepository } from './public-folder-posting.repository';
import { PublicFolderRepository } from './public-folder.repository';

/** Whether mail may be posted into a mail-enabled public folder, and where it is stored. */
export interface PublicFolderPosting {
  folderId: string;
  /** The address book name: displayName, else the folder name. */
  displayName: string;
  mailEnabled: boolean;
  /** The public folder store that holds the folder's items; null when the organisation has none. */
  publicStoreId: string | null;
  /** The role that decided: the sender's own entry, else Default (authenticated) or Anonymous. */
  role: FolderRole;
  /** The role grants Create items (Exchange posts mail to a folder with the sender's client permissions). */
  mayPost: boolean;
}

/**
 * Mail to a public folder is an item posted with the sender's client permissions, as in Exchange 2003:
 * an authenticated sender by their own entry, else the Default entry; mail from outside (anonymous
 * SMTP) by the Anonymous entry, which mail-enabling raises to Contributor. A role without Create items
 * refuses the message.
 */
@Injectable()
export class PublicFolderPostingService {
  constructor(
    private readonly folders: PublicFolderRepository,
    private readonly rows: PublicFolderPostingRepository,
  ) {}

  /** The public folder store holding the folder's items (its own, else its nearest parent's, else the first). */
  homeStore(folderId: string): Promise<string | null> {
    return this.rows.homeStore(folderId);
  }

  async posting(folderId: string, senderId: string | null): Promise<PublicFolderPosting | null> {
    const folder = await this.folders.findById(folderId);
    if (!folder) return null;
    const own = senderId ? await this.rows.roleOf(folderId, { recipientId: senderId }) : null;
    const role = own ?? (await this.rows.roleOf(folderId, senderId ? 'default' : 'anonymous')) ?? 'none';
    return {
      folderId,
      displayName: folder.displayName ?? folder.name,
      mailEnabled: folder.mailEnabled,
      publicStoreId: await this.rows.homeStore(folderId),
      role,
      mayPost: rightsOfRole(role).createItems,
    };
  }
}
