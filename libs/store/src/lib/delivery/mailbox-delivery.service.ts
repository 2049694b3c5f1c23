import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MessageSummary } from '@estafette/mime';
import { QUEUE_NAMESPACE } from '../blobs/blob-namespace';
import { STORE_CLOCK, type Clock } from '../common/clock';
import { mailboxNotFound } from '../common/store-access';
import { isUniqueViolation } from '../common/unique-violation';
import { OwnerLookupBatcher } from '../directory/owner-lookup.batcher';
import type { MailboxOwner } from '../directory/store-directory.repository';
import { FolderRepository } from '../folders/folder.repository';
import { MailboxRepository } from '../mailboxes/mailbox.repository';
import { MailboxService } from '../mailboxes/mailbox.service';
import { MessageRepository } from '../messages/message.repository';
import { MessageService, type AppendRequest } from '../messages/message.service';
import { MessageSummaryCache } from '../messages/message-summary.cache';
import { PublicFolderContentRepository } from '../public-folders/public-folder-content.repository';
import { quotaState } from '../quota/quota-state';
import { quotaWarningText, type QuotaWarning } from '../quota/quota-warning';
import {
  QuotaExceededError,
  type LocalDeliveryRequest,
  type LocalDeliveryResult,
  type MailboxDelivery,
} from './mailbox-delivery.port';
import type { PublicFolderDelivery, PublicFolderDeliveryRequest } from './public-folder-delivery.port';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Local delivery into a mailbox (the store side of MailboxDelivery) or into a public folder's content
 * (PublicFolderDelivery). The message is parsed and its file linked into the store once, outside the
 * transaction; the transaction creates the mailbox if needed, checks mount state and quota, takes a
 * reference on the single-instance blob of the store, inserts the message and its journal entry, and
 * NOTIFYs at commit.
 */
@Injectable()
export class MailboxDeliveryService implements MailboxDelivery, PublicFolderDelivery {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(STORE_CLOCK) private readonly clock: Clock,
    private readonly mailboxes: MailboxService,
    private readonly mailboxRows: MailboxRepository,
    private readonly folders: FolderRepository,
    private readonly messages: MessageService,
    private readonly messageRows: MessageRepository,
    private readonly summaries: MessageSummaryCache,
    private readonly publicContent: PublicFolderContentRepository,
    private readonly lookups: OwnerLookupBatcher,
  ) {}

  async deliver(request: LocalDeliveryRequest): Promise<LocalDeliveryResult> {
    const summary = await this.summaries.summarize(QUEUE_NAMESPACE, request.blob.sha256);
    const role = request.folderRole ?? 'inbox';
    // One statement reads what the delivery needs: a copy stored before a restart, the mailbox with its
    // store, usage and target folder (with the look-ups of the deliveries running beside it).
    const lookup = () =>
      this.lookups.find(request.recipientId, { usage: true, folderRole: role, deliveryKey: request.deliveryKey });
    let found = await lookup();
    if (found?.earlier) return { ...found.earlier, duplicate: true };
    if (found && !found.mailbox && found.owner.kind === 'user' && found.owner.homeStoreId) {
      // A first delivery: the mailbox and its folders are one statement, then the usual case below. When
      // that created nothing (a store not mounted), the transaction further down finds out why.
      await this.mailboxRows.createWithDefaults(this.db.manager, request.recipientId, found.owner.homeStoreId);
      found = await lookup();
    }
    const mailbox = found?.mailbox;
    if (found && mailbox?.mounted && mailbox.roleFolderId && mailbox.usage) {
      // The usual case: no transaction. The file goes into the mailbox's store first; the message is one
      // statement that also checks the folder is still there and its store still mounted (null if not: the
      // transaction below finds out why).
      this.assertRoom(found.owner, mailbox.usage.bytes);
      const storeId = mailbox.row.informationStoreId;
      const folderId = mailbox.roleFolderId;
      await this.messages.stageBlob(QUEUE_NAMESPACE, storeId, request.blob.sha256);
      const appended = await this.once(request.deliveryKey, () =>
        this.messages.appendInStore(folderId, storeId, this.appendRequest(request), summary),
      );
      if (appended && 'duplicate' in appended) return appended;
      if (appended) {
        const result: LocalDeliveryResult = { messageId: appended.messageId, folderId, uid: appended.uid };
        return this.withQuotaWarning(
          this.db.manager,
          result,
          found.owner,
          mailbox.row.id,
          mailbox.usage.bytes,
          request,
        );
      }
    }
    // A first delivery (the mailbox is created), a dismounted store or a mailbox without the folder: the file
    // goes into the store the mailbox is (or will be) in before the transaction; appendIn links it there if
    // the mailbox turns out to be elsewhere.
    const storeId = mailbox?.row.informationStoreId ?? found?.owner.homeStoreId ?? null;
    if (storeId) await this.messages.stageBlob(QUEUE_NAMESPACE, storeId, request.blob.sha256);
    return this.once(request.deliveryKey, () => this.store(request, summary));
  }

  async deliverToPublicFolder(request: PublicFolderDeliveryRequest): Promise<LocalDeliveryResult> {
    const summary = await this.summaries.summarize(QUEUE_NAMESPACE, request.blob.sha256);
    await this.messages.stageBlob(QUEUE_NAMESPACE, request.publicStoreId, request.blob.sha256);
    return this.once(request.deliveryKey, () =>
      this.db.transaction(async (manager) => {
        const earlier = request.deliveryKey ? await this.earlier(request.deliveryKey, manager) : null;
        if (earlier) return earlier;
        await this.mailboxes.assertMounted(manager, request.publicStoreId);
        const target = await this.publicContent.ensureFolder(manager, request.publicStoreId, request.publicFolderId);
        const appended = await this.messages.appendIn(
          manager,
          target.folderId,
          {
            blob: request.blob,
            namespace: QUEUE_NAMESPACE,
            internalDate: request.internalDate,
            deliveryKey: request.deliveryKey,
          },
          summary,
        );
        return { messageId: appended.messageId, folderId: target.folderId, uid: appended.uid };
      }),
    );
  }

  async contentFolderOf(publicFolderId: string): Promise<string | null> {
    return (await this.publicContent.findFolder(this.db.manager, publicFolderId))?.folderId ?? null;
  }

  async openContentFolder(publicFolderId: string, publicStoreId: string): Promise<string> {
    return this.db.transaction(async (manager) => {
      await this.mailboxes.assertMounted(manager, publicStoreId);
      return (await this.publicContent.ensureFolder(manager, publicStoreId, publicFolderId)).folderId;
    });
  }

  private async once<T>(deliveryKey: string | undefined, store: () => Promise<T>): Promise<T | LocalDeliveryResult> {
    try {
      return await store();
    } catch (error) {
      // Two deliveries with one key at once (a retry racing a stalled first attempt): the unique index let
      // one commit; the other finds its row now.
      const earlier = deliveryKey && isUniqueViolation(error) ? await this.earlier(deliveryKey) : null;
      if (earlier) return earlier;
      throw error;
    }
  }

  private earlier(deliveryKey: string, manager: EntityManager = this.db.manager): Promise<LocalDeliveryResult | null> {
    return this.messageRows
      .findByDeliveryKey(manager, deliveryKey)
      .then((row) => (row ? { ...row, duplicate: true } : null));
  }

  private store(request: LocalDeliveryRequest, summary: MessageSummary): Promise<LocalDeliveryResult> {
    return this.db.transaction(async (manager) => {
      // Exactly once: a copy this delivery already stored (before a crash) is not stored again, and no
      // quota or mount check may turn the retry into a bounce of a message the user already has.
      const earlier = request.deliveryKey ? await this.earlier(request.deliveryKey, manager) : null;
      if (earlier) return earlier;
      const open = await this.mailboxes.ensureIn(manager, request.recipientId, { usage: true });
      const { mailbox, owner } = open;
      // A mailbox created just now has no usage figures from the look-up; it is read then.
      const usage = open.usage ?? (await this.mailboxRows.usage(manager, mailbox.id));
      this.assertRoom(owner, usage.bytes);
      const role = request.folderRole ?? 'inbox';
      const folder = await this.folders.findByRole(manager, mailbox.id, role);
      if (!folder) throw mailboxNotFound(`the mailbox of "${owner.alias}" has no ${role} folder`);
      const appended = await this.messages.appendIn(manager, folder.id, this.appendRequest(request), summary);
      const result: LocalDeliveryResult = { messageId: appended.messageId, folderId: folder.id, uid: appended.uid };
      return this.withQuotaWarning(manager, result, owner, mailbox.id, usage.bytes, request);
    });
  }

  private appendRequest(request: LocalDeliveryRequest): AppendRequest & { namespace: string } {
    return {
      blob: request.blob,
      namespace: QUEUE_NAMESPACE,
      flags: request.flags,
      internalDate: request.internalDate,
      deliveryKey: request.deliveryKey,
    };
  }

  /** Prohibit send and receive: the mailbox takes nothing more. */
  private assertRoom(owner: MailboxOwner, usageBytes: number): void {
    if (quotaState(owner.limits, usageBytes) === 'prohibit-send-receive') {
      throw new QuotaExceededError(
        `the mailbox of "${owner.alias}" is full (${Math.ceil(usageBytes / 1024)} KB, ` +
          `limit ${owner.limits.prohibitSendReceiveKb} KB)`,
      );
    }
  }

  /** Past a storage limit after this copy, the owner is warned, at most once a day (the claim decides). */
  private async withQuotaWarning(
    manager: EntityManager,
    result: LocalDeliveryResult,
    owner: MailboxOwner,
    mailboxId: string,
    usageBytes: number,
    request: LocalDeliveryRequest,
  ): Promise<LocalDeliveryResult> {
    const after = usageBytes + request.blob.size;
    const state = quotaState(owner.limits, after);
    if (state === 'ok') return result;
    const now = this.clock.now();
    if (!(await this.mailboxRows.claimQuotaWarning(manager, mailboxId, now, new Date(now.getTime() - DAY_MS))))
      return result;
    const usageKb = Math.ceil(after / 1024);
    const warning: QuotaWarning = {
      recipientId: owner.recipientId,
      state,
      usageKb,
      limits: owner.limits,
      ...quotaWarningText(state, usageKb, owner.limits),
    };
    return { ...result, quotaWarning: warning };
  }
}
