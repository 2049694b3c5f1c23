import type { ChangeNotifier } from '@estafette/store';
import type { ImapFolderState, ImapMessageRepository, SnapshotMessage } from '../imap-message.repository';

/** Folders with more live messages are not kept: their sessions read from the database at every command. */
export const INDEXED_FOLDER_MESSAGES = 10_000;
/** Messages kept over all folders (about 200 bytes each); the least recently used folders go first. */
const INDEXED_MESSAGES = 250_000;

/** What the index keeps of a live message: what SELECT, STATUS and FETCH (short of envelope and structure) need. */
export interface IndexedMessage {
  readonly uid: number;
  readonly modseq: bigint;
  readonly flags: readonly string[];
  readonly internalDate: Date;
  readonly size: number;
  readonly sha256: string;
  readonly informationStoreId: string;
}

/** One folder as the index keeps it: its counters and its live messages ascending by UID. */
export class FolderIndex {
  constructor(
    readonly state: ImapFolderState,
    private messages: IndexedMessage[],
  ) {}

  /** From a complete snapshot (ImapMessageRepository.snapshot with a size, `complete` true). */
  static fromSnapshot(state: ImapFolderState, messages: readonly SnapshotMessage[]): FolderIndex {
    return new FolderIndex({ ...state }, messages.map(indexed));
  }

  /** The folder's MODSEQ this index has every change up to. */
  get modseq(): number {
    return Number(this.state.highestModseq);
  }

  get size(): number {
    return this.messages.length;
  }

  all(): readonly IndexedMessage[] {
    return this.messages;
  }

  /** The live messages among `uids`, ascending by UID. */
  byUids(uids: readonly number[]): IndexedMessage[] {
    const out: IndexedMessage[] = [];
    for (const uid of [...uids].sort((a, b) => a - b)) {
      const at = this.position(uid);
      if (at >= 0) out.push(this.messages[at]);
    }
    return out;
  }

  /** STATUS UNSEEN and DELETED. */
  counts(): { unseen: number; deleted: number } {
    let unseen = 0;
    let deleted = 0;
    for (const m of this.messages) {
      if (!m.flags.includes('\\Seen')) unseen++;
      if (m.flags.includes('\\Deleted')) deleted++;
    }
    return { unseen, deleted };
  }

  setFlags(rows: ReadonlyArray<{ uid: number; flags: readonly string[]; modseq: number | bigint }>): void {
    for (const row of rows) {
      const at = this.position(row.uid);
      if (at >= 0) this.messages[at] = { ...this.messages[at], flags: [...row.flags], modseq: BigInt(row.modseq) };
    }
  }

  remove(uids: readonly number[]): void {
    const gone = new Set(uids);
    const kept: IndexedMessage[] = [];
    for (const m of this.messages) {
      if (gone.has(m.uid)) this.state.sizeBytes -= m.size;
      else kept.push(m);
    }
    this.messages = kept;
    this.state.messageCount = kept.length;
  }

  add(message: IndexedMessage): void {
    const last = this.messages.at(-1);
    if (last && last.uid >= message.uid) throw new Error(`UID ${message.uid} is not after ${last.uid}`);
    this.messages.push(message);
    this.state.messageCount = this.messages.length;
    this.state.sizeBytes += message.size;
    this.state.uidnext = Math.max(this.state.uidnext, message.uid + 1);
  }

  private position(uid: number): number {
    let lo = 0;
    let hi = this.messages.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.messages[mid].uid;
      if (at === uid) return mid;
      if (at < uid) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/**
 * The folder index of this process (docs/dev/imap-mailbox-index.md): the folders that IMAP sessions open,
 * kept in memory with their counters and their messages' UIDs, flags, sizes, dates and blobs, so that
 * SELECT, STATUS and FETCH of those items need no statement. Shared by every session of the process.
 *
 * An index is used only while it is current: every change takes the folder's next MODSEQ and announces it
 * (ChangeNotifier), and an index older than the last MODSEQ heard for its folder is dropped and read again
 * at the next SELECT. The changes the sessions make themselves are applied at once from their answers (a
 * STORE, EXPUNGE or APPEND answers what it changed), when their MODSEQ directly follows the index's: then
 * nobody else's change can be missing in between. Anything else (a gap, an unknown change) drops it.
 *
 * This needs every change committed by this process to be heard before its caller goes on, so that a
 * session always reads its own writes: true of embedded PGlite (the default), where the index is used.
 * On PostgreSQL, where notifications come a moment later through another connection, it stays off.
 */
export class ImapFolderIndex {
  private readonly kept = new Map<string, FolderIndex>();
  private keptMessages = 0;
  /** Loads under way; `stale` once something dropped their folder meanwhile: their answer is not kept. */
  private readonly loading = new Map<string, { stale: boolean }>();

  constructor(
    private readonly notifier: ChangeNotifier,
    private readonly reads: ImapMessageRepository,
    private readonly limits = { folder: INDEXED_FOLDER_MESSAGES, total: INDEXED_MESSAGES },
  ) {
    // Folders deleted, renamed or moved, stores mounted or dismounted, notifications missed: start afresh.
    notifier.folderListChanges.subscribe(() => this.forgetAll());
  }

  get enabled(): boolean {
    return this.notifier.immediate;
  }

  /** The folder's index when it is kept and current, else null (nothing is read; nothing is kept while off). */
  current(folderId: string): FolderIndex | null {
    const index = this.kept.get(folderId);
    if (!index) return null;
    const heard = this.notifier.heardUpTo(folderId);
    if (heard === null || heard > index.modseq) {
      this.forget(folderId);
      return null;
    }
    // Most recently used last.
    this.kept.delete(folderId);
    this.kept.set(folderId, index);
    return index;
  }

  /**
   * SELECT's snapshot: from the current index, or read (and kept when the folder is small enough, its
   * store mounted and no change was heard after the read).
   */
  async snapshot(
    folderId: string,
  ): Promise<{ state: ImapFolderState | null; messages: SnapshotMessage[]; index: FolderIndex | null }> {
    const index = this.current(folderId);
    if (index) {
      const messages = index.all().map((m) => ({ uid: m.uid, modseq: m.modseq, flags: [...m.flags] }));
      return { state: { ...index.state }, messages, index };
    }
    if (!this.enabled) return { ...(await this.reads.snapshot(folderId)), index: null };
    const load = this.loading.get(folderId) ?? { stale: false };
    this.loading.set(folderId, load);
    let read: Awaited<ReturnType<ImapMessageRepository['snapshot']>>;
    try {
      read = await this.reads.snapshot(folderId, this.limits.folder);
    } finally {
      if (this.loading.get(folderId) === load) this.loading.delete(folderId);
    }
    const { state, messages, complete } = read;
    let kept: FolderIndex | null = null;
    const heard = this.notifier.heardUpTo(folderId);
    if (state?.mounted && complete && !load.stale && heard !== null && heard <= Number(state.highestModseq)) {
      kept = FolderIndex.fromSnapshot(state, messages);
      this.keep(folderId, kept);
    }
    return { state, messages, index: kept };
  }

  /** A flag change of this process's (STORE, a \Seen set by FETCH): `rows` with their flags after it. */
  flagsChanged(
    folderId: string,
    modseq: number,
    rows: ReadonlyArray<{ uid: number; flags: readonly string[]; modseq: number | bigint }>,
  ): void {
    this.apply(folderId, modseq, (index) => index.setFlags(rows));
  }

  /** An expunge of this process's: the UIDs that left the folder. */
  expunged(folderId: string, modseq: number, uids: readonly number[]): void {
    this.apply(folderId, modseq, (index) => index.remove(uids));
  }

  /** An APPEND of this process's. */
  appended(folderId: string, modseq: number, message: IndexedMessage): void {
    this.apply(folderId, modseq, (index) => index.add(message));
  }

  /** A change this index does not apply (a COPY or MOVE, say): the folder is read again at its next use. */
  forget(folderId: string): void {
    const index = this.kept.get(folderId);
    if (index) {
      this.kept.delete(folderId);
      this.keptMessages -= index.size;
    }
    const load = this.loading.get(folderId);
    if (load) load.stale = true;
  }

  private forgetAll(): void {
    this.kept.clear();
    this.keptMessages = 0;
    for (const load of this.loading.values()) load.stale = true;
  }

  private apply(folderId: string, modseq: number, change: (index: FolderIndex) => void): void {
    const index = this.kept.get(folderId);
    if (!index) {
      // A load under way may have read the folder before this change.
      const load = this.loading.get(folderId);
      if (load) load.stale = true;
      return;
    }
    // Already in the index (it was read after the change).
    if (modseq <= index.modseq) return;
    if (modseq !== index.modseq + 1) return this.forget(folderId);
    const before = index.size;
    try {
      change(index);
    } catch {
      return this.forget(folderId);
    }
    index.state.highestModseq = BigInt(modseq);
    this.keptMessages += index.size - before;
  }

  private keep(folderId: string, index: FolderIndex): void {
    this.forget(folderId);
    this.kept.set(folderId, index);
    this.keptMessages += index.size;
    for (const [oldest, old] of this.kept) {
      if (this.keptMessages <= this.limits.total || oldest === folderId) break;
      this.kept.delete(oldest);
      this.keptMessages -= old.size;
    }
  }
}

function indexed(m: SnapshotMessage): IndexedMessage {
  if (m.size === undefined || m.internalDate === undefined || m.sha256 === undefined || !m.informationStoreId)
    throw new Error(`message ${m.uid} of a complete snapshot lacks its details`);
  return {
    uid: m.uid,
    modseq: m.modseq,
    flags: [...m.flags],
    internalDate: m.internalDate,
    size: m.size,
    sha256: m.sha256,
    informationStoreId: m.informationStoreId,
  };
}
