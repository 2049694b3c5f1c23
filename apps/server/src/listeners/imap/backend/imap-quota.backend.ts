import { ImapBackendError, type ImapUser, type Quota } from '@estafette/protocols-imap';
import { FOLDER_DELIMITER } from '@estafette/store';
import { OTHER_USERS_PREFIX, type ImapMailboxResolver } from './imap-mailbox.resolver';
import { storeCall } from './imap-store-errors';
import type { ImapStoreDependencies } from './imap-store.dependencies';

/**
 * QUOTA (RFC 9208) from the store's limits: one quota root per mailbox, "" for the user's own and
 * "Other Users/<alias>" for a mailbox shared with the user. STORAGE is in KiB (§5.1) against the
 * prohibit-send-and-receive limit (the point where the store refuses mail); a mailbox without a limit has
 * no resources. Per-user limits override the store's, as QuotaService reads them.
 */
export class ImapQuotaBackend {
  constructor(
    private readonly deps: ImapStoreDependencies,
    private readonly resolver: ImapMailboxResolver,
  ) {}

  async getQuotaRoot(user: ImapUser, name: string): Promise<{ roots: string[]; quotas: Quota[] }> {
    const mailbox = await this.resolver.resolve(user, name);
    // RFC 9208 §4.3.3: a public folder is under no quota root (its items count against no user's mailbox).
    if (mailbox.publicFolderId) return { roots: [], quotas: [] };
    const root = mailbox.personal ? '' : name.split(FOLDER_DELIMITER).slice(0, 2).join(FOLDER_DELIMITER);
    return { roots: [root], quotas: [await this.quotaOf(root, mailbox.ownerId)] };
  }

  async getQuota(user: ImapUser, root: string): Promise<Quota> {
    if (root === '') return this.quotaOf('', user.id);
    const visible = await this.resolver.visible(user);
    const owner = visible.find((m) => !m.personal && m.name.startsWith(root + FOLDER_DELIMITER));
    if (!owner || root.split(FOLDER_DELIMITER)[0] !== OTHER_USERS_PREFIX)
      throw new ImapBackendError('NONEXISTENT', 'No such quota root');
    return this.quotaOf(root, owner.ownerId);
  }

  private async quotaOf(root: string, ownerId: string): Promise<Quota> {
    const status = await storeCall(() => this.deps.quota.status(ownerId));
    const limitKb = status.limits.prohibitSendReceiveKb;
    return {
      root,
      resources:
        limitKb === null ? [] : [{ name: 'STORAGE', usage: Math.ceil(status.usageBytes / 1024), limit: limitKb }],
    };
  }
}
