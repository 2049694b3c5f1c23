import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MessageSummary } from '@estafette/mime';
import { QUEUE_NAMESPACE } from '../blobs/blob-namespace';
import { STORE_CLOCK, type Clock } from '../common/clock';
import { mailboxNotFound } from '../common/store-access';
import { isUniqueViolation } from '../common/unique-violation';
import { FolderRepository } from '../folders/folder.repository';
import { MailboxRepository } from '../mailboxes/mailbox.repository';
import { MailboxService } from '../mailboxes/mailbox.service';
import { MessageRepository } from '../messages/message.repository';
import { MessageService } from '../messages/message.service';
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
  ) {}

  async deliver(request: LocalDeliveryRequest): Promise<LocalDeliveryResult> {
    const summary = await this.summaries.summarize(QUEUE_NAMESPACE, request.blob.sha256);
    // The file goes into the store the mailbox is (or will be) in before the transaction; appendIn links
    // it there if the mailbox turns out to be elsewhere.
    const storeId = await this.mailboxRows.expectedStore(this.db.manager, request.recipientId);
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

  private async once(
    deliveryKey: string | undefined,
    store: () => Promise<LocalDeliveryResult>,
  ): Promise<LocalDeliveryResult> {
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
      if (quotaState(owner.limits, usage.bytes) === 'prohibit-send-receive') {
        throw new QuotaExceededError(
          `the mailbox of "${owner.alias}" is full (${Math.ceil(usage.bytes / 1024)} KB, ` +
            `limit ${owner.limits.prohibitSendReceiveKb} KB)`,
        );
      }
      const role = request.folderRole ?? 'inbox';
      const folder = await this.folders.findByRole(manager, mailbox.id, role);
      if (!folder) throw mailboxNotFound(`the mailbox of "${owner.alias}" has no ${role} folder`);
      const appended = await this.messages.appendIn(
        manager,
        folder.id,
        {
          blob: request.blob,
          namespace: QUEUE_NAMESPACE,
          flags: request.flags,
          internalDate: request.internalDate,
          deliveryKey: request.deliveryKey,
        },
        summary,
      );
      const result: LocalDeliveryResult = { messageId: appended.messageId, folderId: folder.id, uid: appended.uid };
      const after = usage.bytes + request.blob.size;
      const state = quotaState(owner.limits, after);
      if (state !== 'ok') {
        const now = this.clock.now();
        if (await this.mailboxRows.claimQuotaWarning(manager, mailbox.id, now, new Date(now.getTime() - DAY_MS))) {
          const usageKb = Math.ceil(after / 1024);
          const warning: QuotaWarning = {
            recipientId: owner.recipientId,
            state,
            usageKb,
            limits: owner.limits,
            ...quotaWarningText(state, usageKb, owner.limits),
          };
          result.quotaWarning = warning;
        }
      }
      return result;
    });
  }
}
