import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { mailboxNotFound } from '../common/store-access';
import { OwnerLookupBatcher } from '../directory/owner-lookup.batcher';
import { StoreDirectoryRepository, type OwnerAndMailbox } from '../directory/store-directory.repository';
import { quotaState, type QuotaState, type StorageLimits } from './quota-state';

export interface QuotaStatus {
  recipientId: string;
  state: QuotaState;
  usageBytes: number;
  itemCount: number;
  limits: StorageLimits;
  /** The store the mailbox is in, with its state; null before the mailbox's first use. */
  store: { id: string; name: string; mounted: boolean } | null;
}

/**
 * Storage quotas: the mailbox size (messages not expunged; retained deleted items do not count, as in
 * Exchange) against the recipient's limits or, when it uses the store defaults, the store's.
 */
@Injectable()
export class QuotaService {
  constructor(
    private readonly directory: StoreDirectoryRepository,
    private readonly lookups: OwnerLookupBatcher,
  ) {}

  /**
   * A read without a transaction: one statement (owner, mailbox and the folders' sums), shared with the
   * look-ups that arrive with it (an APPEND checks quota in every session).
   */
  async status(recipientId: string): Promise<QuotaStatus> {
    return this.toStatus(recipientId, await this.lookups.find(recipientId, { usage: true }));
  }

  async usage(recipientId: string): Promise<{ bytes: number; items: number }> {
    const status = await this.status(recipientId);
    return { bytes: status.usageBytes, items: status.itemCount };
  }

  /** For SMTP submission: false when the sender's mailbox is over prohibit send (or send and receive). */
  async canSend(recipientId: string): Promise<boolean> {
    const { state } = await this.status(recipientId);
    return state !== 'prohibit-send' && state !== 'prohibit-send-receive';
  }

  async statusIn(manager: EntityManager, recipientId: string): Promise<QuotaStatus> {
    return this.toStatus(recipientId, await this.directory.findOwnerAndMailbox(manager, recipientId, { usage: true }));
  }

  private toStatus(recipientId: string, found: OwnerAndMailbox | null): QuotaStatus {
    if (!found) throw mailboxNotFound(`recipient ${recipientId} does not exist`);
    const { owner, mailbox } = found;
    const usage = mailbox?.usage ?? { bytes: 0, items: 0 };
    return {
      recipientId,
      state: quotaState(owner.limits, usage.bytes),
      usageBytes: usage.bytes,
      itemCount: usage.items,
      limits: owner.limits,
      store: mailbox ? { id: mailbox.row.informationStoreId, name: mailbox.storeName, mounted: mailbox.mounted } : null,
    };
  }
}
