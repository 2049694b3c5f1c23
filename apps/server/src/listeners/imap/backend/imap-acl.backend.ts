import { ImapBackendError, type AclEntry, type ImapUser } from '@estafette/protocols-imap';
import { ALL_RIGHTS } from '@estafette/store';
import type { ImapMailboxResolver, VisibleMailbox } from './imap-mailbox.resolver';
import { storeCall } from './imap-store-errors';
import type { ImapStoreDependencies } from './imap-store.dependencies';

/** RFC 4314 §2: the identifier of every authenticated user. */
const ANYONE = 'anyone';

/**
 * ACL (RFC 4314) over FolderAclService: identifiers are recipients by alias or any of their addresses (as
 * the directory resolves a login) and "anyone". GETACL, SETACL and DELETEACL need the "a" right (the store
 * answers NOPERM otherwise); sharing a folder this way is Outlook's folder permissions and delegate access.
 */
export class ImapAclBackend {
  constructor(
    private readonly deps: ImapStoreDependencies,
    private readonly resolver: ImapMailboxResolver,
  ) {}

  async getAcl(user: ImapUser, name: string): Promise<AclEntry[]> {
    const mailbox = notPublic(await this.resolver.resolve(user, name));
    const entries = await storeCall(() => this.deps.acl.list(user.id, mailbox.folderId));
    return entries.map((e) => ({
      identifier: e.granteeId === null ? ANYONE : (e.granteeAlias ?? e.granteeAddress ?? e.granteeId),
      rights: e.rights,
    }));
  }

  async setAcl(user: ImapUser, name: string, identifier: string, rights: string): Promise<void> {
    const mailbox = notPublic(await this.resolver.resolve(user, name));
    const grantee = await this.grantee(identifier);
    await storeCall(() => this.deps.acl.change(user.id, mailbox.folderId, grantee, rights));
  }

  async deleteAcl(user: ImapUser, name: string, identifier: string): Promise<void> {
    const mailbox = notPublic(await this.resolver.resolve(user, name));
    const grantee = await this.grantee(identifier);
    await storeCall(() => this.deps.acl.change(user.id, mailbox.folderId, grantee, ''));
  }

  async myRights(user: ImapUser, name: string): Promise<string> {
    return (await this.resolver.resolve(user, name)).rights;
  }

  /** RFC 4314 §3.4: the owner always holds every right; anyone else may be granted each right on its own. */
  async listRights(
    user: ImapUser,
    name: string,
    identifier: string,
  ): Promise<{ required: string; optional: string[] }> {
    const mailbox = notPublic(await this.resolver.resolve(user, name));
    if (!mailbox.rights.includes('a')) throw new ImapBackendError('NOPERM', 'You may not administer this mailbox');
    const grantee = await this.grantee(identifier);
    if (grantee === mailbox.ownerId) return { required: ALL_RIGHTS, optional: [] };
    return { required: '', optional: [...ALL_RIGHTS] };
  }

  /** The recipient an identifier names; null for "anyone". */
  private async grantee(identifier: string): Promise<string | null> {
    if (identifier.toLowerCase() === ANYONE) return null;
    const account = await this.deps.accounts.findByLogin(identifier);
    if (!account) throw new ImapBackendError('CANNOT', `"${identifier}" is not a user of this organisation`);
    return account.id;
  }
}

/**
 * A public folder's permissions are its Exchange client permissions, which administrators manage in the
 * console; MYRIGHTS answers the user's mapped rights, the other ACL commands NO [NOPERM].
 */
function notPublic(mailbox: VisibleMailbox): VisibleMailbox {
  if (mailbox.publicFolderId)
    throw new ImapBackendError('NOPERM', 'Public folder permissions are managed by administrators in the console');
  return mailbox;
}
