import {
  ImapBackendError,
  type AppendMessage,
  type AppendResult,
  type CopyResult,
  type FlagChange,
  type ImapUser,
  type StoreResult,
  type UidSet,
} from '@estafette/protocols-imap';
import { storeNamespace, storeUnavailable, type AppendResult as StoredAppend } from '@estafette/store';
import { announceOwnAppend, catchUpFeed } from './imap-changes.backend';
import { permittedFlags, rightForFlag } from './imap-flag-rights';
import type { ImapMailboxResolver } from './imap-mailbox.resolver';
import { ownChange, type ImapMailboxesBackend, type OpenedMailbox } from './imap-mailboxes.backend';
import { noPermission, storeCall, toImapError } from './imap-store-errors';
import type { ImapStoreDependencies } from './imap-store.dependencies';

/** UIDs per database round trip when reading flags before a change. */
const BATCH = 1000;

function readOnly(): ImapBackendError {
  return new ImapBackendError('CANNOT', 'The mailbox is open read-only (EXAMINE)');
}

/**
 * What changes messages: STORE (with CONDSTORE UNCHANGEDSINCE), COPY/MOVE, EXPUNGE and APPEND, through
 * MessageService, which allocates UIDs and MODSEQs, writes the journal and notifies other sessions in the
 * same transaction. The user's RFC 4314 rights on the folder are checked first.
 */
export class ImapMessageUpdatesBackend {
  constructor(
    private readonly deps: ImapStoreDependencies,
    private readonly resolver: ImapMailboxResolver,
    private readonly mailboxes: ImapMailboxesBackend,
  ) {}

  async storeFlags(opened: OpenedMailbox, uids: UidSet, change: FlagChange): Promise<StoreResult> {
    if (opened.readOnly) throw readOnly();
    const { rights, folderId } = opened.mailbox;
    // Replacing the flags may clear \Seen and \Deleted as well as keywords: it needs all three rights.
    const needed = change.operation === 'set' ? ['s', 't', 'w'] : change.flags.map(rightForFlag);
    if (needed.some((r) => !rights.includes(r))) throw noPermission('change these flags');
    const updated: Array<{ uid: number; flags: string[]; modseq: bigint }> = [];
    const modified: number[] = [];
    for (let i = 0; i < uids.length; i += BATCH) {
      const since = change.unchangedSince;
      // One statement changes the flags and answers every message of the batch with its flags after it.
      const result = await ownChange(
        opened,
        () =>
          storeCall(() =>
            this.deps.messages.changeFlags(
              folderId,
              uids.slice(i, i + BATCH),
              change.operation,
              change.flags,
              since === undefined ? null : Number(since),
            ),
          ),
        (r) => {
          opened.own.flagModseqs.add(r.modseq);
          this.deps.index.flagsChanged(folderId, r.modseq, r.rows);
        },
      );
      for (const row of result.rows) {
        if (since !== undefined && !row.changed && BigInt(row.modseq) > since) modified.push(row.uid);
        else updated.push({ uid: row.uid, flags: row.flags, modseq: BigInt(row.modseq) });
      }
    }
    return { updated, modified };
  }

  async copy(
    user: ImapUser,
    opened: OpenedMailbox,
    uids: UidSet,
    targetName: string,
    move: boolean,
  ): Promise<CopyResult> {
    const source = opened.mailbox;
    if (move && opened.readOnly) throw readOnly();
    if (move && !(source.rights.includes('t') && source.rights.includes('e'))) throw noPermission('delete messages');
    const target = await this.resolver.resolve(user, targetName).catch(() => {
      // NONEXISTENT: the library answers COPY/MOVE with [TRYCREATE] for it (RFC 3501 §6.4.7).
      throw new ImapBackendError('NONEXISTENT', 'No such target mailbox');
    });
    if (!target.rights.includes('i')) throw noPermission('insert messages into the target');
    const targetState = await this.mailboxes.state(target.folderId);
    // Not applied to the folder index: announced like every change, a copy or move makes both folders' kept
    // copies stale (ImapFolderIndex.current), read again at the next SELECT.
    if (target.ownerId === source.ownerId) {
      const pairs = await ownChange(
        opened,
        () =>
          storeCall(() =>
            move
              ? this.deps.messages.move(source.folderId, uids, target.folderId)
              : this.deps.messages.copy(source.folderId, uids, target.folderId),
          ),
        (done) => {
          if (move) for (const p of done) opened.own.expunged.add(p.uid);
        },
      );
      // Copies into the open mailbox itself are announced with the answer, as an APPEND into it is.
      if (target.folderId === source.folderId) await catchUpFeed(opened);
      return {
        uidValidity: targetState.uidvalidity,
        sourceUids: pairs.map((p) => p.uid),
        targetUids: pairs.map((p) => p.newUid),
      };
    }
    return this.copyAcross(opened, uids, target.folderId, target.rights, targetState.uidvalidity, move);
  }

  /** Between two mailboxes (a shared folder and one's own): one append per message, the blob linked, not copied. */
  private async copyAcross(
    opened: OpenedMailbox,
    uids: UidSet,
    targetFolderId: string,
    targetRights: string,
    uidValidity: number,
    move: boolean,
  ): Promise<CopyResult> {
    const sourceUids: number[] = [];
    const targetUids: number[] = [];
    for (let i = 0; i < uids.length; i += BATCH) {
      const rows = await storeCall(() =>
        this.deps.reads.byUids(opened.mailbox.folderId, uids.slice(i, i + BATCH), {
          envelope: false,
          bodyStructure: false,
        }),
      );
      for (const row of rows) {
        const appended = await storeCall(() =>
          this.deps.messages.append(targetFolderId, {
            blob: { sha256: row.sha256, size: row.size },
            namespace: storeNamespace(row.informationStoreId),
            flags: permittedFlags(row.flags, targetRights),
            internalDate: row.internalDate,
          }),
        );
        sourceUids.push(row.uid);
        targetUids.push(appended.uid);
      }
    }
    if (move && sourceUids.length > 0) {
      await storeCall(() => this.deps.messages.changeFlags(opened.mailbox.folderId, sourceUids, 'add', ['\\Deleted']));
      await ownChange(
        opened,
        () => storeCall(() => this.deps.messages.expungeReporting(opened.mailbox.folderId, sourceUids)),
        (gone) => recordExpunge(opened, gone),
      );
    }
    return { uidValidity, sourceUids, targetUids };
  }

  async expunge(opened: OpenedMailbox, uids?: UidSet): Promise<number[]> {
    if (opened.readOnly) throw readOnly();
    if (!opened.mailbox.rights.includes('e')) throw noPermission('expunge messages');
    const gone = await ownChange(
      opened,
      () => storeCall(() => this.deps.messages.expungeReporting(opened.mailbox.folderId, uids ?? null)),
      (expunged) => {
        recordExpunge(opened, expunged);
        this.deps.index.expunged(opened.mailbox.folderId, expunged.modseq, expunged.uids);
      },
    );
    return gone.uids;
  }

  /** `selected`: the session's open mailbox; an append into it reaches the session's feed before the answer. */
  async append(user: ImapUser, name: string, message: AppendMessage, selected?: OpenedMailbox): Promise<AppendResult> {
    // A missing mailbox is answered [TRYCREATE] (RFC 3501 §6.3.11); other failures (a dismounted store) as they are.
    const mailbox = await this.resolver.resolve(user, name).catch((error: unknown) => {
      if (error instanceof ImapBackendError && error.code === 'NONEXISTENT') return null;
      throw error;
    });
    if (!mailbox) return { kind: 'no-mailbox' };
    if (!mailbox.rights.includes('i')) throw noPermission('insert messages');
    // Mailbox quotas are a user's; a public folder's items count against no one's mailbox. The quota's
    // look-up also says which store the mailbox, and so the folder, is in (one statement for both). A
    // folder in the index says where it is, and the append's own statement checks the quota.
    const kept = mailbox.publicFolderId ? null : this.deps.index.current(mailbox.folderId);
    let storeId: string | null = kept?.state.informationStoreId ?? null;
    if (!mailbox.publicFolderId && !kept) {
      const quota = await storeCall(() => this.deps.quota.status(mailbox.ownerId));
      if (quota.store && !quota.store.mounted) throw toImapError(storeUnavailable(quota.store.name));
      const limitKb = quota.limits.prohibitSendReceiveKb;
      if (limitKb !== null && quota.usageBytes + message.size > limitKb * 1024) return { kind: 'over-quota' };
      storeId = quota.store?.id ?? null;
    }
    const informationStoreId = storeId ?? (await this.mailboxes.state(mailbox.folderId)).informationStoreId;
    const source = Buffer.isBuffer(message.content) ? [message.content] : message.content;
    const namespace = storeNamespace(informationStoreId);
    const blob = await this.deps.blobs.put(namespace, source);
    const store = () =>
      storeCall(() =>
        this.deps.messages.append(mailbox.folderId, {
          blob,
          namespace,
          flags: permittedFlags(message.flags, mailbox.rights),
          internalDate: message.internalDate,
          quotaCheck: kept !== null,
        }),
      );
    const own = selected?.mailbox.folderId === mailbox.folderId ? selected : undefined;
    let announced = true;
    const indexed = (a: StoredAppend): void =>
      this.deps.index.appended(mailbox.folderId, a.modseq, {
        uid: a.uid,
        modseq: BigInt(a.modseq),
        flags: a.flags,
        internalDate: a.internalDate,
        size: blob.size,
        sha256: blob.sha256,
        informationStoreId,
      });
    let appended: StoredAppend;
    try {
      appended = own
        ? await ownChange(own, store, (a) => {
            indexed(a);
            announced = announceOwnAppend(own, a.uid, a.modseq);
          })
        : await store().then((a) => (indexed(a), a));
    } catch (error) {
      if (error instanceof ImapBackendError && error.code === 'OVERQUOTA') return { kind: 'over-quota' };
      throw error;
    }
    if (own && !announced) await catchUpFeed(own);
    return { kind: 'ok', uidValidity: appended.uidvalidity, uid: appended.uid };
  }
}

/** An expunge of this session's own: the library reports its UIDs; the live feed is not to echo them. */
function recordExpunge(opened: OpenedMailbox, expunged: { uids: number[]; modseq: number }): void {
  for (const uid of expunged.uids) opened.own.expunged.add(uid);
  opened.own.expungeModseqs.set(expunged.modseq, expunged.uids);
}
