import { Logger } from '@nestjs/common';
import type { MailboxChanges, MailboxEvent } from '@estafette/protocols-imap';
import type { OpenedMailbox } from './imap-mailboxes.backend';
import { storeCall } from './imap-store-errors';
import type { ImapStoreDependencies } from './imap-store.dependencies';

/** UIDs per database round trip when reading the flags of changed messages. */
const BATCH = 1000;

interface Summary {
  appended: number[];
  flagged: number[];
  expunged: number[];
  highest: number;
}

function summarise(
  changes: ReadonlyArray<{ modseq: number; kind: string; uid: number | null }>,
  from: number,
): Summary {
  const appended = new Set<number>();
  const flagged = new Set<number>();
  const expunged = new Set<number>();
  let highest = from;
  for (const c of changes) {
    highest = Math.max(highest, c.modseq);
    if (c.uid === null) continue;
    if (c.kind === 'append') appended.add(c.uid);
    else if (c.kind === 'flags') flagged.add(c.uid);
    else if (c.kind === 'expunge') expunged.add(c.uid);
  }
  const live = (uids: Set<number>) => [...uids].filter((u) => !expunged.has(u)).sort((a, b) => a - b);
  return {
    appended: [...appended].sort((a, b) => a - b),
    flagged: live(flagged),
    expunged: [...expunged].sort((a, b) => a - b),
    highest,
  };
}

/**
 * Changes of an open mailbox from the store's journal (folder_change): CONDSTORE/QRESYNC catch-up and the
 * live feed of IDLE. The live feed wakes on ChangeNotifier, which is PostgreSQL LISTEN/NOTIFY and so hears
 * other server processes too; each wake-up reads the journal after the last MODSEQ seen, so a burst of
 * notifications costs one read and nothing is lost between them. After a lost notification connection
 * came back, the journal is read again.
 */
export class ImapChangesBackend {
  private readonly logger = new Logger('IMAP');

  constructor(private readonly deps: ImapStoreDependencies) {}

  async changesSince(opened: OpenedMailbox, modseq: bigint): Promise<MailboxChanges> {
    const { folderId } = opened.mailbox;
    const journal = await storeCall(() => this.deps.messages.journalSince(folderId, Number(modseq)));
    const summary = summarise(journal.changes, Number(modseq));
    const changedUids = [...new Set([...summary.appended, ...summary.flagged])]
      .filter((u) => !summary.expunged.includes(u))
      .sort((a, b) => a - b);
    const changed: Array<{ uid: number; flags: string[]; modseq: bigint }> = [];
    for (const rows of await this.rows(folderId, changedUids))
      changed.push(...rows.map((r) => ({ uid: r.uid, flags: r.flags, modseq: r.modseq })));
    return { highestModseq: BigInt(summary.highest), changed, vanished: summary.expunged };
  }

  watch(opened: OpenedMailbox, listener: (event: MailboxEvent) => void): () => void {
    const { folderId } = opened.mailbox;
    let running: Promise<void> | null = null;
    let again = false;
    let closed = false;
    // One journal read at a time; a wake-up during it asks for another, and whoever waits on the pump
    // waits for that one too.
    const pump = (): Promise<void> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await this.emitSince(opened, listener, () => closed);
          } while (again && !closed);
        } finally {
          running = null;
        }
      })();
      return running;
    };
    const wake = (): void => {
      pump().catch((error: unknown) =>
        this.logger.warn(`reading changes of ${folderId} failed: ${(error as Error).message}`),
      );
    };
    // A MODSEQ already read, or one of this session's own flag changes or expunges (answered by its STORE
    // or EXPUNGE), needs no journal read: the next other change reads past it anyway.
    const known = (modseq: number): boolean =>
      modseq !== 0 &&
      (modseq <= opened.modseq || opened.own.flagModseqs.has(modseq) || opened.own.expungeModseqs.has(modseq));
    const skip = (): void => {
      if (!running) readOwn(opened);
    };
    const off = this.deps.notifier.on((change) => {
      if (known(change.modseq)) return skip();
      // A change of this session's own is announced before its answer is recorded: decide once it is.
      if (opened.own.changing.size > 0) {
        void Promise.all(opened.own.changing).then(() => {
          if (closed) return;
          if (known(change.modseq)) skip();
          else wake();
        });
        return;
      }
      wake();
    }, folderId);
    const resync = this.deps.notifier.resyncs.subscribe(wake);
    const appended = (uid: number, modseq: number): boolean => {
      // The session's own changes just before it (a STORE that changed nothing still takes a MODSEQ, and
      // no notification tells of it) are taken as read, unless a journal read under way will filter them.
      if (!running) readOwn(opened);
      if (modseq <= opened.modseq) return true;
      if (running || BigInt(modseq) !== opened.modseq + 1n) return false;
      opened.modseq = BigInt(modseq);
      listener({ kind: 'exists', uids: [uid] });
      readOwn(opened);
      return true;
    };
    const live = { appended, catchUp: pump };
    opened.live = live;
    // Changes committed between SELECT's snapshot and this subscription are in the journal: read them now,
    // unless nothing after the snapshot was announced (what comes later reaches the handler above).
    if ((this.deps.notifier.heardUpTo(folderId) ?? Infinity) > opened.modseq) wake();
    return () => {
      closed = true;
      off();
      resync.unsubscribe();
      if (opened.live === live) opened.live = undefined;
    };
  }

  private async emitSince(
    opened: OpenedMailbox,
    listener: (event: MailboxEvent) => void,
    closed: () => boolean,
  ): Promise<void> {
    const { folderId } = opened.mailbox;
    const from = opened.modseq;
    const journal = await this.deps.messages.changesSince(folderId, Number(from));
    if (journal.length === 0 || closed()) return;
    // A change of this session's own may be in the journal before its answer was recorded: wait for it.
    if (opened.own.changing.size > 0) await Promise.all(opened.own.changing);
    if (closed()) return;
    const { flagModseqs, expungeModseqs, expunged } = opened.own;
    const changes = journal.filter(
      (c) =>
        !(c.kind === 'flags' && flagModseqs.has(c.modseq)) &&
        !(c.kind === 'expunge' && c.uid !== null && expunged.has(c.uid)),
    );
    const summary = summarise(changes, Number(from));
    summary.highest = Math.max(summary.highest, ...journal.map((c) => c.modseq));
    for (const c of journal) if (c.kind === 'expunge' && c.uid !== null) expunged.delete(c.uid);
    for (const modseq of [...flagModseqs]) if (modseq <= summary.highest) flagModseqs.delete(modseq);
    for (const modseq of [...expungeModseqs.keys()]) if (modseq <= summary.highest) expungeModseqs.delete(modseq);
    const flagRows = (
      await this.rows(
        folderId,
        summary.flagged.filter((u) => !summary.appended.includes(u)),
      )
    ).flat();
    if (closed()) return;
    if (BigInt(summary.highest) > opened.modseq) opened.modseq = BigInt(summary.highest);
    if (summary.appended.length > 0) listener({ kind: 'exists', uids: summary.appended });
    for (const row of flagRows) listener({ kind: 'flags', uid: row.uid, flags: row.flags, modseq: row.modseq });
    if (summary.expunged.length > 0) listener({ kind: 'expunge', uids: summary.expunged });
  }

  private async rows(folderId: string, uids: readonly number[]) {
    const batches = [];
    for (let i = 0; i < uids.length; i += BATCH)
      batches.push(
        await this.deps.reads.byUids(folderId, uids.slice(i, i + BATCH), { envelope: false, bodyStructure: false }),
      );
    return batches;
  }
}

/**
 * After this session appended a message (APPEND, or COPY into the mailbox itself): its feed holds the new
 * message before the command is answered (RFC 3501 §6.3.11: EXISTS at once), so the client can address it
 * by the UID it was given. A MODSEQ right after the last one seen is announced at once, without reading
 * the journal (nothing else can hide before it); false means the journal must be read (catchUpFeed), so
 * that other sessions' messages with lower UIDs come first. Call it while the change is registered as the
 * session's own, so that the notification of it waits and then finds it known.
 */
export function announceOwnAppend(opened: OpenedMailbox, uid: number, modseq: number): boolean {
  return opened.live?.appended(uid, modseq) ?? true;
}

/** Reads the journal into the session's feed now (a no-op without a feed); resolves once emitted. */
export function catchUpFeed(opened: OpenedMailbox): Promise<void> {
  return opened.live?.catchUp() ?? Promise.resolve();
}

/**
 * Takes this session's own changes that directly follow what the feed has read as read: MODSEQs are
 * allocated one after another per folder, so a run of them that are all its own holds nobody else's
 * change. Keeps the sets of own changes small, and the next journal read short, in a session that only
 * changes things itself.
 */
function readOwn(opened: OpenedMailbox): void {
  const { flagModseqs, expungeModseqs, expunged } = opened.own;
  for (let next = Number(opened.modseq) + 1; ; next++) {
    const uids = expungeModseqs.get(next);
    if (uids) {
      expungeModseqs.delete(next);
      for (const uid of uids) expunged.delete(uid);
    } else if (!flagModseqs.delete(next)) return;
    opened.modseq = BigInt(next);
  }
}
