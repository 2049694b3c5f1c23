import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MessageSummary } from '@estafette/mime';
import { BLOB_STORE, type BlobRef, type BlobStore } from '../blobs/blob-store';
import { storeNamespace, storeOfNamespace } from '../blobs/blob-namespace';
import { StoreBlobRepository } from '../blobs/store-blob.repository';
import { STORE_CLOCK, type Clock } from '../common/clock';
import { QuotaExceededError, StoreUnavailableError } from '../delivery/mailbox-delivery.port';
import { FolderRepository, type FolderAccess, type JournalChange } from '../folders/folder.repository';
import { MailboxService } from '../mailboxes/mailbox.service';
import {
  MessageRepository,
  type AppendOutcome,
  type DownloadItem,
  type FlagOperation,
  type InsertedMessage,
  type MessageListItem,
  type NewMessage,
} from './message.repository';
import { AppendBatcher } from './append-batcher';
import { ExpungeBatcher } from './expunge.batcher';
import { FlagChangeBatcher } from './flag-change.batcher';
import { MessageSummaryCache } from './message-summary.cache';
import { normaliseFlags } from './message-flags';

export interface AppendRequest {
  blob: BlobRef;
  /**
   * Refuse (QuotaExceededError, nothing written) a message that would take the mailbox past its owner's
   * prohibit-send-and-receive limit: checked in the statement that appends (IMAP APPEND).
   */
  quotaCheck?: boolean;
  /** Where the blob is now; default the store's own namespace. Another namespace is linked from. */
  namespace?: string;
  flags?: readonly string[];
  internalDate?: Date;
  /** Local delivery's name for this copy (unique): see MailboxDelivery.deliver. */
  deliveryKey?: string;
}

export type { JournalChange } from '../folders/folder.repository';

export interface JournalSince {
  /** False when rows after the asked MODSEQ may have been pruned: resynchronise in full. */
  complete: boolean;
  /** The folder's journal floor (0: never pruned). */
  floor: number;
  changes: JournalChange[];
}

export interface AppendResult {
  messageId: string;
  folderId: string;
  uid: number;
  modseq: number;
  uidvalidity: number;
  /** The message's flags and internal date as stored (flags normalised, the date defaulted to now). */
  flags: readonly string[];
  internalDate: Date;
}

/**
 * Messages of a folder: append, flags, move, copy, expunge. Every change allocates its MODSEQ (and UIDs)
 * with one UPDATE of the folder row, writes the change journal and sends a NOTIFY, in one transaction.
 */
@Injectable()
export class MessageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BLOB_STORE) private readonly blobStore: BlobStore,
    @Inject(STORE_CLOCK) private readonly clock: Clock,
    private readonly mailboxes: MailboxService,
    private readonly folders: FolderRepository,
    private readonly messages: MessageRepository,
    private readonly blobs: StoreBlobRepository,
    private readonly summaries: MessageSummaryCache,
    private readonly appends: AppendBatcher,
    private readonly flagChanges: FlagChangeBatcher,
    private readonly expunges: ExpungeBatcher,
  ) {}

  /** IMAP APPEND and saving a draft or a sent item: the raw message is already in the blob store. */
  async append(folderId: string, request: AppendRequest): Promise<AppendResult> {
    // The blob's namespace decides where the summary is read; a caller that wrote the blob knows it already.
    const namespace =
      request.namespace ?? storeNamespace((await this.access(this.db.manager, folderId)).informationStoreId);
    const summary = await this.summaries.summarize(namespace, request.blob.sha256);
    const storeId = storeOfNamespace(namespace);
    if (storeId) {
      // The file is in the store already (IMAP writes it there, a copy finds it there).
      const fast = await this.appendInStore(folderId, storeId, { ...request, namespace }, summary);
      if (fast) return fast;
    }
    // Another store, a queue file, or a folder to say something about: the file is checked under the
    // reference, inside the transaction.
    return this.db.transaction((manager) => this.appendIn(manager, folderId, { ...request, namespace }, summary));
  }

  /**
   * One statement without a transaction, so the database is not held while this thread checks the file:
   * null when the folder is not in `storeId` or the store is not mounted (the caller takes the transaction
   * path, which says why). The file should be in the store already (written or staged there).
   */
  async appendInStore(
    folderId: string,
    storeId: string,
    request: AppendRequest & { namespace: string },
    summary: MessageSummary,
  ): Promise<AppendResult | null> {
    const message = this.newMessage(folderId, request, summary);
    const inserted = overQuota(folderId, await this.appends.append({ ...message, storeId }));
    return (
      inserted &&
      this.confirmFile(folderId, request.namespace, storeNamespace(storeId), request.blob.sha256, inserted, message)
    );
  }

  /**
   * After a reference taken without a transaction: the file must be in the store. The collector deletes a
   * file only with its unreferenced row, so once the reference is committed a file seen here stays; it can
   * only have gone just before (a copy of the same content whose last reference was purged). A file from
   * elsewhere (the queue) is linked again, now safely; one that was only in the store is lost: the message
   * is taken back and the append fails, to be tried again.
   */
  private async confirmFile(
    folderId: string,
    namespace: string,
    storeNs: string,
    sha256: string,
    inserted: InsertedMessage,
    message: NewMessage,
  ): Promise<AppendResult> {
    const { id: messageId, uid, modseq, uidvalidity } = inserted;
    if (!(await this.blobStore.exists(storeNs, sha256))) {
      if (namespace !== storeNs) await this.blobStore.link(namespace, storeNs, sha256);
      else {
        await this.removeReporting(folderId, [uid], 'any');
        throw new StoreUnavailableError(`the message file left the store during the append; try again`);
      }
    }
    return { messageId, folderId, uid, modseq, uidvalidity, flags: message.flags, internalDate: message.internalDate };
  }

  private newMessage(folderId: string, request: AppendRequest, summary: MessageSummary): NewMessage {
    return {
      folderId,
      flags: normaliseFlags(request.flags ?? []),
      internalDate: request.internalDate ?? this.clock.now(),
      size: request.blob.size,
      sha256: request.blob.sha256,
      summary,
      deliveryKey: request.deliveryKey,
      quotaCheck: request.quotaCheck,
    };
  }

  /**
   * Links a blob into a store's namespace ahead of the transaction that appends it: a link and the fsync
   * of its directory take milliseconds, during which a transaction would hold the database (PGlite runs
   * one at a time). appendIn checks again under the blob's row lock and links there if it must.
   */
  async stageBlob(namespace: string, informationStoreId: string, sha256: string): Promise<void> {
    const storeNs = storeNamespace(informationStoreId);
    if (namespace !== storeNs) await this.blobStore.link(namespace, storeNs, sha256);
  }

  /**
   * Appends inside the caller's transaction: one statement takes the folder row lock (UID, MODSEQ), the
   * blob reference and writes the row; then, still under the blob's row lock, the file is checked to be in
   * the store (linked if stageBlob did not, or if the garbage collector removed it since). The collector
   * deletes a row and its file in one transaction, so once the reference is taken the file seen here stays.
   */
  async appendIn(
    manager: EntityManager,
    folderId: string,
    request: AppendRequest & { namespace: string },
    summary: MessageSummary,
  ): Promise<AppendResult> {
    const { blob } = request;
    const message = this.newMessage(folderId, request, summary);
    let inserted = overQuota(folderId, await this.messages.allocateAndInsert(manager, message));
    if (!inserted) {
      // Missing or dismounted: say which; a store mounted meanwhile gets one more try.
      await this.access(manager, folderId);
      inserted = overQuota(folderId, await this.messages.allocateAndInsert(manager, message));
      if (!inserted) throw new NotFoundException(`folder ${folderId} cannot be changed`);
    }
    const storeNs = storeNamespace(inserted.informationStoreId);
    if (!(await this.blobStore.exists(storeNs, blob.sha256))) {
      if (request.namespace === storeNs) throw new BadRequestException(`blob ${blob.sha256} is not in the store`);
      await this.blobStore.link(request.namespace, storeNs, blob.sha256);
    }
    const { id: messageId, uid, modseq, uidvalidity } = inserted;
    return { messageId, folderId, uid, modseq, uidvalidity, flags: message.flags, internalDate: message.internalDate };
  }

  list(folderId: string): Promise<MessageListItem[]> {
    return this.read(async (manager) => {
      await this.access(manager, folderId);
      return this.messages.listByFolder(manager, folderId);
    });
  }

  /** The live messages of a folder with only what downloading them takes (POP3's maildrop), in UID order. */
  listForDownload(folderId: string): Promise<DownloadItem[]> {
    return this.read(async (manager) => {
      await this.access(manager, folderId);
      return this.messages.listBlobsByFolder(manager, folderId);
    });
  }

  /**
   * The journal of a folder after a MODSEQ, and whether it is complete: rows at or below the folder's
   * journal floor may have been pruned, so for an older MODSEQ `complete` is false and the caller
   * resynchronises in full (QRESYNC: no VANISHED (EARLIER) from the journal, RFC 7162 §3.2.5.2).
   */
  journalSince(folderId: string, modseq: number): Promise<JournalSince> {
    return this.read(async (manager) => {
      const journal = await this.folders.journalWithFloor(manager, folderId, modseq);
      if (!journal) throw new NotFoundException(`folder ${folderId} does not exist`);
      if (!journal.mounted) await this.mailboxes.assertMounted(manager, journal.informationStoreId);
      const floor = journal.journalFloor;
      return { complete: modseq >= floor, floor, changes: journal.changes };
    });
  }

  /**
   * The journal of a folder after a MODSEQ: what an IDLE session has not seen yet. Pruned history is not
   * reported here: callers that may ask about old MODSEQs use journalSince. For a folder the caller holds
   * open (it checked the folder and its rights then, and checks them again at each command), so there is
   * no second look at the folder: a dismounted store has no new changes, a deleted folder no journal.
   */
  changesSince(folderId: string, modseq: number): Promise<JournalChange[]> {
    return this.read((manager) => this.folders.changesSince(manager, folderId, modseq));
  }

  /** Full-text search (sender, recipients, subject, body) in a folder: matching UIDs. */
  search(folderId: string, text: string): Promise<number[]> {
    return this.read(async (manager) => {
      await this.access(manager, folderId);
      return this.messages.searchText(manager, folderId, text);
    });
  }

  /**
   * STORE FLAGS / +FLAGS / -FLAGS in one statement: `changed` lists the messages whose flags changed, with
   * their new flags; `rows` every live message of the set with its flags and MODSEQ after the change.
   * With `unchangedSince` (RFC 7162) a message whose MODSEQ is above it is left as it is.
   */
  async changeFlags(
    folderId: string,
    uids: readonly number[],
    operation: FlagOperation,
    flags: readonly string[],
    unchangedSince: number | null = null,
  ): Promise<{
    modseq: number;
    changed: Array<{ uid: number; flags: string[] }>;
    rows: Array<{ uid: number; flags: string[]; modseq: number; changed: boolean }>;
  }> {
    const normalised = normaliseFlags(flags);
    for (let attempt = 0; ; attempt++) {
      const result = await this.flagChanges.change({
        folderId,
        uids,
        operation,
        flags: normalised,
        unchangedSince,
      });
      if (result) {
        const changed = result.rows.filter((r) => r.changed).map((r) => ({ uid: r.uid, flags: r.flags }));
        return { modseq: result.modseq, changed, rows: result.rows };
      }
      // No folder row was updated: say why (missing, dismounted); a store mounted meanwhile gets one retry.
      await this.access(this.db.manager, folderId);
      if (attempt > 0) throw new NotFoundException(`folder ${folderId} cannot be changed`);
    }
  }

  /**
   * EXPUNGE (uids null) or UID EXPUNGE: messages flagged \Deleted leave the folder. Their rows stay, marked
   * deleted, for the store's deleted item retention; RetentionService purges them afterwards.
   */
  async expunge(folderId: string, uids: readonly number[] | null = null): Promise<number[]> {
    return (await this.expungeReporting(folderId, uids)).uids;
  }

  /** expunge() with the MODSEQ of the change, so that a session can tell its own expunge in the journal. */
  async expungeReporting(
    folderId: string,
    uids: readonly number[] | null = null,
  ): Promise<{ uids: number[]; modseq: number }> {
    if (uids === null) {
      // The usual EXPUNGE in one statement, without a transaction; a folder to say something about (gone,
      // dismounted) takes the transaction's way, which explains.
      const expunged = await this.expunges.expunge(folderId, this.clock.now());
      if (expunged) return expunged;
    }
    return this.removeReporting(folderId, uids, 'deleted');
  }

  /**
   * POP3 DELE then QUIT: the given messages leave the folder whatever their flags, in one transaction, the
   * same way as an expunge (kept for the deleted item retention, journalled, announced).
   */
  async remove(folderId: string, uids: readonly number[]): Promise<number[]> {
    return (await this.removeReporting(folderId, uids, 'any')).uids;
  }

  private removeReporting(
    folderId: string,
    uids: readonly number[] | null,
    flagged: 'deleted' | 'any',
  ): Promise<{ uids: number[]; modseq: number }> {
    return this.db.transaction(async (manager) => {
      let modseq = await this.folders.allocateIfMounted(manager, folderId);
      if (modseq === null) {
        // Missing or dismounted: say which; a store mounted meanwhile gets one more try.
        await this.access(manager, folderId);
        modseq = await this.folders.allocateIfMounted(manager, folderId);
        if (modseq === null) throw new NotFoundException(`folder ${folderId} cannot be changed`);
      }
      const gone = await this.messages.softDelete(manager, folderId, uids, modseq, this.clock.now(), flagged);
      return { uids: gone.map((m) => m.uid), modseq };
    });
  }

  /** RFC 6851 MOVE: the messages get new UIDs in the target and vanish from the source. */
  move(
    folderId: string,
    uids: readonly number[],
    targetFolderId: string,
  ): Promise<Array<{ uid: number; newUid: number }>> {
    return this.transfer(folderId, uids, targetFolderId, 'move');
  }

  /**
   * RFC 3501 §6.3.5 RENAME INBOX: every live message of the folder moves to the target in one transaction,
   * with new UIDs there (one UPDATE over all the rows); the source stays, empty. Returns how many moved.
   */
  async moveAll(folderId: string, targetFolderId: string): Promise<number> {
    return (await this.transfer(folderId, null, targetFolderId, 'move')).length;
  }

  /** RFC 3501 COPY: new messages in the target sharing the same blobs (one more reference each). */
  copy(
    folderId: string,
    uids: readonly number[],
    targetFolderId: string,
  ): Promise<Array<{ uid: number; newUid: number }>> {
    return this.transfer(folderId, uids, targetFolderId, 'copy');
  }

  private transfer(
    folderId: string,
    uids: readonly number[] | null,
    targetFolderId: string,
    mode: 'move' | 'copy',
  ): Promise<Array<{ uid: number; newUid: number }>> {
    if (folderId === targetFolderId && mode === 'move') return Promise.resolve([]);
    return this.db.transaction(async (manager) => {
      const source = await this.access(manager, folderId);
      const target = await this.access(manager, targetFolderId);
      if (source.mailboxId !== target.mailboxId)
        throw new BadRequestException('messages move or copy only between folders of the same mailbox');
      // Both folder rows are locked first, in id order, so two opposite moves cannot deadlock and no
      // concurrent expunge changes the set between reading it and moving it.
      const [first, second] = [folderId, targetFolderId].sort();
      await this.folders.lock(manager, [first, second]);
      const found = await this.messages.findLive(manager, folderId, uids);
      if (found.length === 0) return [];
      const bytes = found.reduce((sum, m) => sum + m.size, 0);
      const allocations = new Map<string, { firstUid: number; modseq: number }>();
      for (const id of first === second ? [first] : [first, second]) {
        const isTarget = id === targetFolderId;
        const count = isTarget ? found.length : mode === 'move' ? -found.length : 0;
        const size = isTarget ? bytes : mode === 'move' ? -bytes : 0;
        allocations.set(id, await this.folders.allocate(manager, id, isTarget ? found.length : 0, count, size));
      }
      const into = allocations.get(targetFolderId);
      const from = allocations.get(folderId);
      if (!into || !from) throw new Error('folder allocation failed');
      const ids = found.map((m) => m.id);
      const newUids = found.map((_, i) => into.firstUid + i);
      if (mode === 'move') {
        await this.messages.moveRows(manager, ids, targetFolderId, into.firstUid, into.modseq);
        await this.folders.journalAndNotify(
          manager,
          folderId,
          from.modseq,
          'expunge',
          found.map((m) => m.uid),
        );
      } else {
        for (const m of found) await this.blobs.addReferences(manager, m.storeId, m.sha256, m.size, 1);
        await this.messages.copyRows(manager, ids, targetFolderId, into.firstUid, into.modseq);
      }
      await this.folders.journalAndNotify(manager, targetFolderId, into.modseq, 'append', newUids);
      return found.map((m, i) => ({ uid: m.uid, newUid: newUids[i] }));
    });
  }

  /**
   * Reads outside a transaction: each statement sees committed data on its own, and on PGlite a
   * transaction costs two more statements (BEGIN, COMMIT) for nothing a read needs.
   */
  private read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(this.db.manager);
  }

  private async access(manager: EntityManager, folderId: string): Promise<FolderAccess> {
    const folder = await this.folders.findAccess(manager, folderId);
    if (!folder) throw new NotFoundException(`folder ${folderId} does not exist`);
    if (!folder.mounted) await this.mailboxes.assertMounted(manager, folder.informationStoreId);
    return folder;
  }
}

/** An append's outcome as callers take it: over quota is an error, the rest as it is. */
function overQuota(folderId: string, outcome: AppendOutcome): InsertedMessage | null {
  if (outcome === 'over-quota')
    throw new QuotaExceededError(
      `the mailbox of folder ${folderId} is over its size limit (prohibit send and receive)`,
    );
  return outcome;
}
