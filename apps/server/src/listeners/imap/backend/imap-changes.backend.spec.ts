import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { MailboxEvent } from '@estafette/protocols-imap';
import type { StoreChange } from '@estafette/store';
import { announceOwnAppend, catchUpFeed, ImapChangesBackend } from './imap-changes.backend';
import { openedMailbox, ownChange } from './imap-mailboxes.backend';
import type { ImapStoreDependencies } from './imap-store.dependencies';

const FOLDER = '00000000-0000-4000-8000-000000000001';

/** A feed over a journal the test writes, with what the notifier says it heard. */
function feed(heard: number | null, modseq: bigint) {
  const changes = new Subject<StoreChange>();
  const journal: Array<{ modseq: number; kind: 'append' | 'flags' | 'expunge'; uid: number }> = [];
  const counter = { reads: 0 };
  const deps = {
    notifier: {
      on: (handler: (change: StoreChange) => void) => {
        const subscription = changes.subscribe(handler);
        return () => subscription.unsubscribe();
      },
      resyncs: new Subject<void>(),
      heardUpTo: () => heard,
    },
    messages: {
      changesSince: async (_folder: string, since: number) => {
        counter.reads++;
        return journal.filter((c) => c.modseq > since);
      },
    },
    reads: {
      byUids: async (_folder: string, uids: number[]) => uids.map((uid) => ({ uid, flags: ['\\Seen'], modseq: 8n })),
    },
  } as unknown as ImapStoreDependencies;
  const opened = openedMailbox(
    {
      name: 'INBOX',
      folderId: FOLDER,
      ownerId: 'u',
      path: 'Inbox',
      rights: 'lrswipkxtea',
      specialUse: null,
      subscribed: true,
      personal: true,
    },
    false,
    modseq,
  );
  const events: MailboxEvent[] = [];
  const stop = new ImapChangesBackend(deps).watch(opened, (event) => events.push(event));
  return { changes, journal, counter, opened, events, stop };
}

/**
 * The live feed must not echo a session's own flag change or expunge, even when the change's notification
 * comes back before the change's own answer (always on PGlite; on PostgreSQL the notification arrives on
 * another connection), and should not read the journal for it.
 */
describe("IMAP live feed and a session's own changes", () => {
  it('waits for a change under way to be recorded before it filters the journal', async () => {
    const { changes, journal, counter, opened, events, stop } = feed(null, 7n);

    // The session's STORE is under way: the database committed MODSEQ 8 and announced it, but the
    // statement's answer has not been handled yet.
    let answer!: (value: { modseq: number }) => void;
    const storing = ownChange(
      opened,
      () => new Promise<{ modseq: number }>((resolve) => (answer = resolve)),
      (result) => opened.own.flagModseqs.add(result.modseq),
    );
    journal.push({ modseq: 8, kind: 'flags', uid: 1 });
    changes.next({ folderId: FOLDER, modseq: 8 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([]);

    answer({ modseq: 8 });
    await storing;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([]);
    // Its own change needed no journal read (only the one when the watch began), and counts as read.
    expect(counter.reads).toBe(1);
    expect(opened.modseq).toBe(8n);
    expect(opened.own.flagModseqs.size).toBe(0);

    // Nor does an expunge of its own, recorded after its announcement.
    let expunged!: () => void;
    const expunging = ownChange(
      opened,
      () => new Promise<void>((resolve) => (expunged = resolve)),
      () => {
        opened.own.expunged.add(3);
        opened.own.expungeModseqs.set(9, [3]);
      },
    );
    journal.push({ modseq: 9, kind: 'expunge', uid: 3 });
    changes.next({ folderId: FOLDER, modseq: 9 });
    expunged();
    await expunging;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([]);
    expect(counter.reads).toBe(1);
    expect(opened.modseq).toBe(9n);

    // Someone else's change afterwards is reported, and only that.
    journal.push({ modseq: 10, kind: 'flags', uid: 2 });
    changes.next({ folderId: FOLDER, modseq: 10 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([{ kind: 'flags', uid: 2, flags: ['\\Seen'], modseq: 8n }]);
    expect(opened.modseq).toBe(10n);
    expect(opened.own.flagModseqs.size + opened.own.expungeModseqs.size + opened.own.expunged.size).toBe(0);
    stop();
  });

  it('reads the journal when the watch begins only if a later MODSEQ was announced, or it cannot tell', async () => {
    const quiet = feed(7, 7n);
    const later = feed(8, 7n);
    const unknown = feed(null, 7n);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([quiet.counter.reads, later.counter.reads, unknown.counter.reads]).toEqual([0, 1, 1]);
    for (const f of [quiet, later, unknown]) f.stop();
  });

  it("announces the session's own append at once when it follows the last MODSEQ seen, else after a read", async () => {
    const { journal, counter, opened, events, stop } = feed(7, 7n);
    // Its own STORE that changed nothing took MODSEQ 8 (no journal row, no notification).
    opened.own.flagModseqs.add(8);
    journal.push({ modseq: 9, kind: 'append', uid: 5 });
    expect(
      await ownChange(
        opened,
        async () => 9,
        (m) => expect(announceOwnAppend(opened, 5, m)).toBe(true),
      ),
    ).toBe(9);
    expect(events).toEqual([{ kind: 'exists', uids: [5] }]);
    expect(opened.modseq).toBe(9n);

    // Another session's message (UID 6, MODSEQ 10) came first: the journal is read, lower UID first.
    journal.push({ modseq: 10, kind: 'append', uid: 6 }, { modseq: 11, kind: 'append', uid: 7 });
    expect(announceOwnAppend(opened, 7, 11)).toBe(false);
    await catchUpFeed(opened);
    expect(events.slice(1)).toEqual([{ kind: 'exists', uids: [6, 7] }]);
    expect(counter.reads).toBe(1);
    stop();
    expect(opened.live).toBeUndefined();
  });
});
