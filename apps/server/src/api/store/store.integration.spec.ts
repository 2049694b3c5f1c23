import { firstValueFrom, take, timeout, toArray } from 'rxjs';
import { DataSource } from 'typeorm';
import { InformationStoreService } from '@estafette/directory';
import { summarizeMessage } from '@estafette/mime';
import { SYSTEM_ACTOR } from '@estafette/security';
import {
  BLOB_STORE,
  BlobGcService,
  ChangeNotifier,
  FolderService,
  MAILBOX_DELIVERY,
  MailboxNotFoundError,
  MailboxService,
  MessageService,
  PgNotificationListener,
  QuotaExceededError,
  QuotaService,
  RetentionService,
  SearchIndexer,
  STORE_CHANNEL,
  StoreUnavailableError,
  parseStoreChange,
  storeNamespace,
  type BlobStore,
  type MailboxDelivery,
} from '@estafette/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServerConfig } from '../../config/server-config';
import { openDataSource } from '../../database/data-source.factory';
import { createUser, DAY_MS, firstMailboxStoreId, ManualClock, queue, rfc822 } from './testing/store-fixtures';
import { startStoreTestApp, type StoreTestApp } from './testing/store-test-app';

/** The store against a real database, with an injected clock and without the listeners. */
describe('mail store', () => {
  let testApp: StoreTestApp;
  let config: ServerConfig;
  let app: StoreTestApp['app'];
  let db: DataSource;
  let blobs: BlobStore;
  let delivery: MailboxDelivery;
  let mailboxes: MailboxService;
  let folders: FolderService;
  let messages: MessageService;
  let quotas: QuotaService;
  let storeId: string;
  const clock = new ManualClock();

  beforeAll(async () => {
    testApp = await startStoreTestApp(clock);
    ({ app, config } = testApp);
    db = app.get(DataSource);
    blobs = app.get(BLOB_STORE);
    delivery = app.get(MAILBOX_DELIVERY);
    mailboxes = app.get(MailboxService);
    folders = app.get(FolderService);
    messages = app.get(MessageService);
    quotas = app.get(QuotaService);
    storeId = await firstMailboxStoreId(db);
    // These tests index on their own (indexAll) and look at what is indexed when: the background indexer
    // would race them (it indexed a message before a test expunged it, on a CI run).
    await app.get(SearchIndexer).onModuleDestroy();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const refcount = async (sha256: string): Promise<number | null> => {
    const rows = await db.query<Array<{ refcount: number }>>(
      `SELECT refcount FROM store_blob WHERE information_store_id = $1 AND sha256 = $2`,
      [storeId, sha256],
    );
    return rows[0]?.refcount ?? null;
  };

  it('notes a protocol logon at most once a minute per user', async () => {
    const userId = await createUser(db, 'logons', storeId);
    const lastLogon = async () => (await mailboxes.ensureMailbox(userId)).mailbox.lastLogonAt?.getTime() ?? null;
    await mailboxes.noteLogon(userId);
    const first = await lastLogon();
    expect(first).toBe(clock.now().getTime());
    clock.advance(30_000);
    await mailboxes.noteLogon(userId);
    expect(await lastLogon()).toBe(first);
    clock.advance(31_000);
    await mailboxes.noteLogon(userId);
    expect(await lastLogon()).toBe(clock.now().getTime());
  });

  it('creates the mailbox with the default folders at first delivery, and stores the parsed message', async () => {
    const userId = await createUser(db, 'first', storeId);
    const blob = await queue(blobs, rfc822('Quarterly figures', 'The budget spreadsheet is attached.'));
    const result = await delivery.deliver({ recipientId: userId, blob });
    expect(result).toMatchObject({ uid: 1 });
    const list = await folders.list(userId);
    expect(list.map((f) => [f.name, f.role, f.specialUse])).toEqual([
      ['Inbox', 'inbox', null],
      ['Sent Items', 'sent', '\\Sent'],
      ['Drafts', 'drafts', '\\Drafts'],
      ['Deleted Items', 'trash', '\\Trash'],
      ['Junk E-mail', 'junk', '\\Junk'],
      ['Outbox', 'outbox', null],
    ]);
    const inbox = list[0];
    expect(inbox).toMatchObject({ id: result.folderId, uidnext: 2, messageCount: 1, sizeBytes: blob.size });
    const [row] = await db.query<Array<Record<string, unknown>>>(
      `SELECT subject, from_address, envelope, body_structure, internal_date FROM message WHERE id = $1`,
      [result.messageId],
    );
    expect(row['subject']).toBe('Quarterly figures');
    expect(row['from_address']).toBe('Jane Doe <jane@example.com>');
    expect(row['envelope']).toMatchObject({
      subject: 'Quarterly figures',
      messageId: '<Quarterlyfigures@example.com>',
    });
    expect(row['body_structure']).toMatchObject({ kind: 'single', type: 'text', subtype: 'plain' });
    expect(row['internal_date']).toEqual(clock.now());
    // Full text over sender, recipients, subject and body: the same answers while the message waits for
    // the background indexer (its document computed in the query) and once it is indexed.
    const searches = async () => [
      await messages.search(inbox.id, 'spreadsheet'),
      await messages.search(inbox.id, 'jane@example.com'),
      await messages.search(inbox.id, 'quarterly'),
      await messages.search(inbox.id, 'nothing-like-this'),
    ];
    const pending = `SELECT search_vector IS NULL AS pending, search_text FROM message_fulltext WHERE message_id = $1`;
    expect(await db.query(pending, [result.messageId])).toEqual([
      { pending: true, search_text: expect.stringContaining('budget spreadsheet') },
    ]);
    expect(await searches()).toEqual([[1], [1], [1], []]);
    expect(await app.get(SearchIndexer).indexAll()).toBeGreaterThanOrEqual(1);
    expect(await db.query(pending, [result.messageId])).toEqual([{ pending: false, search_text: null }]);
    expect(await searches()).toEqual([[1], [1], [1], []]);
    expect(await blobs.exists(storeNamespace(storeId), blob.sha256)).toBe(true);
    await expect(
      delivery.deliver({ recipientId: '00000000-0000-0000-0000-000000000000', blob }),
    ).rejects.toBeInstanceOf(MailboxNotFoundError);
  });

  it('creates a mailbox once when first deliveries and logons race', async () => {
    const userId = await createUser(db, 'racer', storeId);
    const opened = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? mailboxes.ensureMailbox(userId) : mailboxes.recordLogon(userId))),
    );
    expect(new Set(opened.map((o) => o.mailbox.id)).size).toBe(1);
    const [{ n }] = await db.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM folder f JOIN mailbox m ON m.id = f.mailbox_id WHERE m.recipient_id = $1`,
      [userId],
    );
    expect(Number(n)).toBe(6);
  });

  it('allocates strictly increasing UIDs and MODSEQs under 50 concurrent deliveries', async () => {
    const userId = await createUser(db, 'busy', storeId);
    const blobsIn = await Promise.all(
      Array.from({ length: 50 }, (_, i) => queue(blobs, rfc822(`Load ${i}`, `message ${i}`))),
    );
    const results = await Promise.all(blobsIn.map((blob) => delivery.deliver({ recipientId: userId, blob })));
    expect(results.map((r) => r.uid).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const rows = await db.query<Array<{ uid: string; modseq: string }>>(
      `SELECT uid, modseq FROM message WHERE folder_id = $1 ORDER BY uid`,
      [results[0].folderId],
    );
    const modseqs = rows.map((r) => Number(r.modseq));
    for (let i = 1; i < modseqs.length; i += 1) expect(modseqs[i]).toBeGreaterThan(modseqs[i - 1]);
    const inbox = (await folders.list(userId))[0];
    expect(inbox).toMatchObject({ uidnext: 51, messageCount: 50, highestModseq: modseqs[49] });
    const journal = await db.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM folder_change WHERE folder_id = $1 AND kind = 'append'`,
      [inbox.id],
    );
    expect(Number(journal[0].n)).toBe(50);
  });

  it('keeps one blob per store for many recipients, counts references, purges after retention and collects garbage', async () => {
    const alice = await createUser(db, 'alice', storeId);
    const bob = await createUser(db, 'bob', storeId);
    const blob = await queue(blobs, rfc822('Team lunch', 'Friday at noon.'));
    const toAlice = await delivery.deliver({ recipientId: alice, blob });
    const toBob = await delivery.deliver({ recipientId: bob, blob });
    const [{ n }] = await db.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM store_blob WHERE information_store_id = $1 AND sha256 = $2`,
      [storeId, blob.sha256],
    );
    expect(Number(n)).toBe(1);
    expect(await refcount(blob.sha256)).toBe(2);

    // Alice deletes it: flagged, expunged, recoverable for the retention period (7 days by default).
    await messages.changeFlags(toAlice.folderId, [toAlice.uid], 'add', ['\\deleted']);
    expect(await messages.expunge(toAlice.folderId)).toEqual([toAlice.uid]);
    expect(await messages.list(toAlice.folderId)).toEqual([]);
    const retention = app.get(RetentionService);
    expect(await retention.purgeExpired(new Date(clock.now().getTime() + 6 * DAY_MS))).toBe(0);
    expect(await refcount(blob.sha256)).toBe(2);
    expect(await retention.purgeExpired(new Date(clock.now().getTime() + 7 * DAY_MS + 1000))).toBe(1);
    expect(await refcount(blob.sha256)).toBe(1);

    await messages.changeFlags(toBob.folderId, [toBob.uid], 'add', ['\\Deleted']);
    await messages.expunge(toBob.folderId, [toBob.uid]);
    await retention.purgeExpired(new Date(clock.now().getTime() + 8 * DAY_MS));
    expect(await refcount(blob.sha256)).toBe(0);
    const gc = app.get(BlobGcService);
    expect((await gc.collect(clock.now())).unreferenced).toBeGreaterThanOrEqual(1);
    expect(await refcount(blob.sha256)).toBeNull();
    expect(await blobs.exists(storeNamespace(storeId), blob.sha256)).toBe(false);

    // An orphan (linked, never committed) goes once older than an hour, not before.
    const orphan = await queue(blobs, rfc822('Orphan', 'never committed'));
    await blobs.link('queue', storeNamespace(storeId), orphan.sha256);
    expect((await gc.collect(new Date())).orphans).toBe(0);
    expect((await gc.collect(new Date(Date.now() + 2 * 3600_000))).orphans).toBe(1);
    expect(await blobs.exists(storeNamespace(storeId), orphan.sha256)).toBe(false);

    // An old file that a delivery references between the sweep's look at the rows and its removal stays.
    const late = await queue(blobs, rfc822('Late', 'delivered while the sweep looked'));
    await blobs.link('queue', storeNamespace(storeId), late.sha256);
    const delivered = await delivery.deliver({ recipientId: alice, blob: late });
    const rows = (gc as unknown as { blobs: { known: () => Promise<Set<string>> } }).blobs;
    const known = vi.spyOn(rows, 'known').mockResolvedValue(new Set());
    try {
      expect((await gc.collect(new Date(Date.now() + 2 * 3600_000))).orphans).toBe(0);
    } finally {
      known.mockRestore();
    }
    expect(await blobs.exists(storeNamespace(storeId), late.sha256)).toBe(true);
    expect(await refcount(late.sha256)).toBe(1);
    expect(await messages.list(delivered.folderId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ uid: delivered.uid, sha256: late.sha256 })]),
    );
  });

  it('links a message file into the store before its transaction, and again inside it if the file went meanwhile', async () => {
    const stager = await createUser(db, 'stager', storeId);
    const first = await delivery.deliver({ recipientId: stager, blob: await queue(blobs, rfc822('One', 'first')) });
    const blob = await queue(blobs, rfc822('Staged', 'linked ahead of the transaction'));
    await messages.stageBlob('queue', storeId, blob.sha256);
    expect(await blobs.exists(storeNamespace(storeId), blob.sha256)).toBe(true);
    expect(await refcount(blob.sha256)).toBeNull();
    // The collector removed the file after staging (an earlier copy's row had reached zero references).
    await blobs.delete(storeNamespace(storeId), blob.sha256);
    const summary = await summarizeMessage(blobs.open('queue', blob.sha256));
    const appended = await db.transaction((manager) =>
      messages.appendIn(manager, first.folderId, { blob, namespace: 'queue' }, summary),
    );
    expect(appended.uid).toBe(first.uid + 1);
    expect(await blobs.exists(storeNamespace(storeId), blob.sha256)).toBe(true);
    expect(await refcount(blob.sha256)).toBe(1);
    // A blob written into the store's own namespace must be there: nothing to link it from.
    const missing = { sha256: 'f'.repeat(64), size: 10 };
    await expect(
      db.transaction((manager) =>
        messages.appendIn(manager, first.folderId, { blob: missing, namespace: storeNamespace(storeId) }, summary),
      ),
    ).rejects.toThrow(/not in the store/);
    // Refused after its row was written: the transaction took the row, the reference and the UID back.
    expect((await messages.list(first.folderId)).map((m) => m.uid)).toEqual([first.uid, first.uid + 1]);
    expect(await refcount(missing.sha256)).toBeNull();
    const next = await db.transaction((manager) =>
      messages.appendIn(manager, first.folderId, { blob, namespace: 'queue' }, summary),
    );
    expect(next.uid).toBe(first.uid + 2);
    // Without a transaction (the file named in the store's namespace): a file the collector removed
    // before the reference was taken fails the append, and the message it wrote is taken back.
    const gone = vi.spyOn(blobs, 'exists').mockResolvedValueOnce(false);
    try {
      await expect(messages.append(first.folderId, { blob, namespace: storeNamespace(storeId) })).rejects.toThrow(
        /left the store/,
      );
    } finally {
      gone.mockRestore();
    }
    expect((await messages.list(first.folderId)).map((m) => m.uid)).toEqual([first.uid, first.uid + 1, next.uid]);
    const fast = await messages.append(first.folderId, { blob, namespace: storeNamespace(storeId) });
    expect(fast.uid).toBe(next.uid + 2);
    expect((await messages.list(first.folderId)).map((m) => m.uid)).toEqual([
      first.uid,
      first.uid + 1,
      next.uid,
      fast.uid,
    ]);
    // The one taken back keeps its reference until the retention purge, as every expunged message.
    expect(await refcount(blob.sha256)).toBe(4);
  });

  it('delivers into an existing mailbox without a transaction, once per delivery key, relinking a file that left the store', async () => {
    const userId = await createUser(db, 'swift', storeId);
    // The first delivery creates the mailbox: that takes the transaction.
    const first = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('First', 'one')) });
    const transactions = vi.spyOn(db, 'transaction');
    try {
      const second = await delivery.deliver({
        recipientId: userId,
        blob: await queue(blobs, rfc822('Second', 'two')),
        deliveryKey: 'swift/2',
      });
      expect(second).toMatchObject({ folderId: first.folderId, uid: first.uid + 1 });
      expect(second.duplicate).toBeUndefined();
      // The same key again (a retry after a crash): the copy stored before, nothing stored twice.
      const again = await delivery.deliver({
        recipientId: userId,
        blob: await queue(blobs, rfc822('Second', 'two')),
        deliveryKey: 'swift/2',
      });
      expect(again).toEqual({
        messageId: second.messageId,
        folderId: first.folderId,
        uid: second.uid,
        duplicate: true,
      });
      // The collector removed the staged file before the message took its reference: linked again from the queue.
      const blob = await queue(blobs, rfc822('Third', 'three'));
      const stage = messages.stageBlob.bind(messages);
      const staged = vi.spyOn(messages, 'stageBlob').mockImplementationOnce(async (namespace, store, sha256) => {
        await stage(namespace, store, sha256);
        await blobs.delete(storeNamespace(store), sha256);
      });
      try {
        const third = await delivery.deliver({ recipientId: userId, blob });
        expect(third.uid).toBe(second.uid + 1);
      } finally {
        staged.mockRestore();
      }
      expect(await blobs.exists(storeNamespace(storeId), blob.sha256)).toBe(true);
      expect(await refcount(blob.sha256)).toBe(1);
      expect(transactions).not.toHaveBeenCalled();
    } finally {
      transactions.mockRestore();
    }
    expect((await messages.list(first.folderId)).map((m) => m.subject)).toEqual(['First', 'Second', 'Third']);
  });

  it('gives a message expunged before the indexer came an empty document instead of its words', async () => {
    const userId = await createUser(db, 'brief', storeId);
    const kept = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Kept', 'durable')) });
    const brief = await delivery.deliver({
      recipientId: userId,
      blob: await queue(blobs, rfc822('Brief', 'ephemeral')),
    });
    await messages.changeFlags(kept.folderId, [brief.uid], 'add', ['\\Deleted']);
    expect(await messages.expunge(kept.folderId)).toEqual([brief.uid]);
    await app.get(SearchIndexer).indexAll();
    const documents = await db.query<Array<{ uid: number; deleted: boolean; words: number; text: string | null }>>(
      `SELECT m.uid::int AS uid, m.deleted_at IS NOT NULL AS deleted, length(t.search_vector)::int AS words,
              t.search_text AS text
         FROM message_fulltext t JOIN message m ON m.id = t.message_id WHERE m.folder_id = $1 ORDER BY m.uid`,
      [kept.folderId],
    );
    expect(documents).toEqual([
      { uid: kept.uid, deleted: false, words: expect.any(Number), text: null },
      { uid: brief.uid, deleted: true, words: 0, text: null },
    ]);
    expect(documents[0].words).toBeGreaterThan(0);
    expect(await messages.search(kept.folderId, 'durable')).toEqual([kept.uid]);
  });

  it('changes flags with MODSEQs, moves and copies messages, and keeps counters', async () => {
    const userId = await createUser(db, 'carol', storeId);
    const first = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('One', 'one')) });
    await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Two', 'two')) });
    const inbox = first.folderId;
    const added = await messages.changeFlags(inbox, [1, 2], 'add', ['\\Seen', '$Label1', '\\SEEN']);
    expect(added.changed).toEqual([
      { uid: 1, flags: ['\\Seen', '$Label1'] },
      { uid: 2, flags: ['\\Seen', '$Label1'] },
    ]);
    const again = await messages.changeFlags(inbox, [1, 2], 'add', ['\\Seen']);
    expect(again.changed).toEqual([]);
    const removed = await messages.changeFlags(inbox, [2], 'remove', ['$Label1']);
    expect(removed.changed).toEqual([{ uid: 2, flags: ['\\Seen'] }]);
    expect(removed.modseq).toBeGreaterThan(added.modseq);
    expect((await messages.changeFlags(inbox, [1], 'set', ['\\Flagged'])).changed).toEqual([
      { uid: 1, flags: ['\\Flagged'] },
    ]);

    const projects = await folders.create(userId, 'Projects');
    const sub = await folders.create(userId, 'Estafette', projects.id);
    expect(sub.path).toBe('Projects/Estafette');
    await expect(folders.create(userId, 'projects')).rejects.toThrow(/already exists/);
    await expect(folders.create(userId, 'a/b')).rejects.toThrow(/delimiter/);

    expect(await messages.move(inbox, [1], sub.id)).toEqual([{ uid: 1, newUid: 1 }]);
    expect(await messages.copy(inbox, [2], sub.id)).toEqual([{ uid: 2, newUid: 2 }]);
    const view = await folders.list(userId);
    const byPath = new Map(view.map((f) => [f.path, f]));
    expect(byPath.get('Inbox')).toMatchObject({ messageCount: 1 });
    expect(byPath.get('Projects/Estafette')).toMatchObject({ messageCount: 2 });
    // The moved message keeps its full-text row, the copy has one of its own; both before and after indexing.
    expect(await messages.search(sub.id, 'two')).toEqual([2]);
    expect(await messages.search(sub.id, 'one')).toEqual([1]);
    expect(await messages.search(inbox, 'two')).toEqual([2]);
    await app.get(SearchIndexer).indexAll();
    expect(await messages.search(sub.id, 'two')).toEqual([2]);
    expect(await messages.copy(sub.id, [2], projects.id)).toEqual([{ uid: 2, newUid: 1 }]);
    expect(await messages.search(projects.id, 'two')).toEqual([1]);
    const journal = await db.query<Array<{ kind: string; uid: number }>>(
      `SELECT kind, uid::int AS uid FROM folder_change WHERE folder_id = $1 AND kind = 'expunge'`,
      [inbox],
    );
    expect(journal).toEqual([{ kind: 'expunge', uid: 1 }]);

    // IMAP APPEND: the blob is already in the store's namespace; flags and internal date come with it.
    const draft = await blobs.put(storeNamespace(storeId), [rfc822('Draft', 'unfinished')]);
    const drafts = view.find((f) => f.role === 'drafts');
    const appended = await messages.append(drafts?.id ?? '', {
      blob: draft,
      flags: ['\\Draft', '\\Seen'],
      internalDate: new Date('2026-01-01T00:00:00Z'),
    });
    expect(appended).toMatchObject({ uid: 1, uidvalidity: drafts?.uidvalidity });
    expect(await messages.list(drafts?.id ?? '')).toMatchObject([
      { uid: 1, flags: ['\\Draft', '\\Seen'], internalDate: new Date('2026-01-01T00:00:00Z'), subject: 'Draft' },
    ]);
    expect(await refcount(draft.sha256)).toBe(1);
    const journal2 = await messages.changesSince(inbox, added.modseq);
    expect(journal2.map((c) => [c.kind, c.uid])).toEqual([
      ['flags', 2],
      ['flags', 1],
      ['expunge', 1],
    ]);

    const renamed = await folders.rename(userId, projects.id, 'Work');
    expect(renamed.path).toBe('Work');
    const inboxView = view.find((f) => f.role === 'inbox');
    await expect(folders.rename(userId, inboxView?.id ?? '', 'Post')).rejects.toThrow(/default folder/);
    await expect(folders.delete(userId, inboxView?.id ?? '')).rejects.toThrow(/default folder/);
    await expect(folders.rename(userId, projects.id, 'Loop', sub.id)).rejects.toThrow(/into itself/);
    await folders.delete(userId, projects.id);
    expect((await folders.list(userId)).map((f) => f.path)).not.toContain('Work/Estafette');
  });

  it('computes quota states, warns at most once a day, refuses sending and receiving over the limits', async () => {
    const userId = await createUser(db, 'dave', storeId);
    // Per-user limits (not the store's): warning at 1 KB, prohibit send at 2 KB, send and receive at 3 KB.
    await db.query(
      `UPDATE recipient SET use_store_defaults = false, issue_warning_kb = 1, prohibit_send_kb = 2,
              prohibit_send_receive_kb = 3 WHERE id = $1`,
      [userId],
    );
    const body = 'x'.repeat(700);
    const first = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Q1', body)) });
    expect(first.quotaWarning).toBeUndefined();
    expect((await quotas.status(userId)).state).toBe('ok');
    const second = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Q2', body)) });
    expect(second.quotaWarning).toMatchObject({ state: 'warning', subject: 'Your mailbox is almost full' });
    expect(second.quotaWarning?.text).toMatch(/At 2 KB you will no longer be able to send mail/);
    expect(await quotas.canSend(userId)).toBe(true);
    const third = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Q3', body)) });
    expect(third.quotaWarning).toBeUndefined(); // already warned today
    expect((await quotas.status(userId)).state).toBe('prohibit-send');
    expect(await quotas.canSend(userId)).toBe(false);
    clock.advance(DAY_MS + 1000);
    const fourth = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Q4', body)) });
    expect(fourth.quotaWarning?.state).toBe('prohibit-send-receive');
    await expect(
      delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Q5', body)) }),
    ).rejects.toBeInstanceOf(QuotaExceededError);
    // Store limits apply again once the user follows the store defaults (none set on the first store).
    await db.query(`UPDATE recipient SET use_store_defaults = true WHERE id = $1`, [userId]);
    expect((await quotas.status(userId)).state).toBe('ok');
  });

  it('refuses delivery and mailbox access while the store is dismounted, and serves again once mounted', async () => {
    const userId = await createUser(db, 'erin', storeId);
    const delivered = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Before', 'x')) });
    const stores = app.get(InformationStoreService);
    await stores.setMounted(SYSTEM_ACTOR, storeId, false);
    try {
      const blob = await queue(blobs, rfc822('During', 'x'));
      const refused = delivery.deliver({ recipientId: userId, blob });
      await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(refused).rejects.toMatchObject({ temporary: true });
      await expect(folders.list(userId)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(messages.list(delivered.folderId)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(mailboxes.ensureMailbox(await createUser(db, 'newcomer', storeId))).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    } finally {
      await stores.setMounted(SYSTEM_ACTOR, storeId, true);
    }
    const after = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('After', 'x')) });
    expect(after.uid).toBe(2);
  });

  it('expunges concurrently with flag changes: each expunge gets its own MODSEQ, the counters stay right, a dismounted store refuses', async () => {
    const userId = await createUser(db, 'expunger', storeId);
    const delivered = [];
    for (let i = 0; i < 16; i++)
      delivered.push(await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822(`E${i}`, 'x')) }));
    const folderId = delivered[0].folderId;
    const uids = delivered.map((d) => d.uid);
    await messages.changeFlags(folderId, uids.slice(0, 12), 'add', ['\\Deleted']);
    const outcomes = await Promise.all([
      messages.expunge(folderId, uids.slice(0, 4)),
      messages.expunge(folderId, uids.slice(2, 8)),
      messages.changeFlags(folderId, uids.slice(12), 'add', ['\\Seen']),
      messages.expunge(folderId),
      messages.remove(folderId, [uids[13]]),
      messages.expunge(folderId, uids.slice(12)),
    ]);
    const expunged = [outcomes[0], outcomes[1], outcomes[3], outcomes[4], outcomes[5]].flat().sort((a, b) => a - b);
    // Each message left exactly once: the twelve flagged ones and the one POP3 removed.
    expect(expunged).toEqual([...uids.slice(0, 12), uids[13]].sort((a, b) => a - b));
    const [folder] = await db.query<Array<{ message_count: number; size_bytes: string; highest_modseq: string }>>(
      `SELECT message_count, size_bytes, highest_modseq FROM folder WHERE id = $1`,
      [folderId],
    );
    const [live] = await db.query<Array<{ n: number; bytes: string | null; top: string }>>(
      `SELECT count(*)::int AS n, sum(size)::text AS bytes, (SELECT max(modseq) FROM message WHERE folder_id = $1)::text AS top
         FROM message WHERE folder_id = $1 AND deleted_at IS NULL`,
      [folderId],
    );
    expect(folder.message_count).toBe(3);
    expect(live.n).toBe(3);
    expect(String(folder.size_bytes)).toBe(live.bytes);
    const journal = await db.query<Array<{ modseq: string; uid: number }>>(
      `SELECT modseq::text AS modseq, uid::int AS uid FROM folder_change WHERE folder_id = $1 AND kind = 'expunge' ORDER BY uid`,
      [folderId],
    );
    expect(journal.map((j) => Number(j.uid))).toEqual(expunged);
    // The expunged rows carry their expunge's MODSEQ, never above the folder's highest.
    for (const j of journal) expect(BigInt(j.modseq)).toBeLessThanOrEqual(BigInt(folder.highest_modseq));
    expect(BigInt(live.top)).toBeLessThanOrEqual(BigInt(folder.highest_modseq));

    const stores = app.get(InformationStoreService);
    await messages.changeFlags(folderId, [uids[12]], 'add', ['\\Deleted']);
    await stores.setMounted(SYSTEM_ACTOR, storeId, false);
    try {
      await expect(messages.expunge(folderId)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await stores.setMounted(SYSTEM_ACTOR, storeId, true);
    }
    expect(await messages.expunge(folderId)).toEqual([uids[12]]);
  });

  it('announces changes through LISTEN/NOTIFY, after commit only', async () => {
    const userId = await createUser(db, 'frank', storeId);
    const { mailbox } = await mailboxes.ensureMailbox(userId);
    const inbox = (await folders.list(userId))[0];
    const notifier = app.get(ChangeNotifier);
    const seen = firstValueFrom(notifier.changes(inbox.id).pipe(take(2), toArray(), timeout(10_000)));
    const result = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Ping', 'x')) });
    await messages.changeFlags(result.folderId, [result.uid], 'add', ['\\Seen']);
    const changes = await seen;
    expect(changes.map((c) => c.folderId)).toEqual([inbox.id, inbox.id]);
    expect(changes[1].modseq).toBeGreaterThan(changes[0].modseq);
    expect(mailbox.recipientId).toBe(userId);
    expect(parseStoreChange('garbage')).toBeNull();

    if (config.databaseUrl) {
      // Another server process: its own connection listens, a change made here reaches it…
      const other = new PgNotificationListener(config.databaseUrl);
      const received: string[] = [];
      const stop = await other.listen(STORE_CHANNEL, (payload) => received.push(payload));
      try {
        const next = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Pong', 'y')) });
        await expect
          .poll(() => received, { timeout: 10_000 })
          .toContain(`${next.folderId}:${(await folders.list(userId))[0].highestModseq}`);
      } finally {
        await stop();
      }
      // …and a change committed through a second DataSource reaches this process's notifier, a rollback never.
      const second = await openDataSource(config);
      try {
        const fromOther = firstValueFrom(notifier.changes(inbox.id).pipe(timeout(10_000)));
        await second
          .transaction(async (m) => {
            await m.query(`SELECT pg_notify($1, $2)`, [STORE_CHANNEL, `${inbox.id}:999`]);
            throw new Error('rolled back');
          })
          .catch(() => undefined);
        await second.transaction((m) => m.query(`SELECT pg_notify($1, $2)`, [STORE_CHANNEL, `${inbox.id}:1000`]));
        expect(await fromOther).toEqual({ folderId: inbox.id, modseq: 1000 });
      } finally {
        await second.destroy();
      }
    }
  });

  it('hands notifications to subscribers outside the committing transaction, so they may query the store', async () => {
    const userId = await createUser(db, 'grace', storeId);
    await mailboxes.ensureMailbox(userId);
    const inbox = (await folders.list(userId))[0];
    const notifier = app.get(ChangeNotifier);
    // On PGlite the notification arrives from the COMMIT's own query; a handler reading the store there
    // used to fail with LeaseDeadlockError (the transaction still held the one session).
    const read = new Promise<number>((resolve, reject) => {
      const off = notifier.on(() => {
        off();
        folders.list(userId).then((list) => resolve(list[0].messageCount), reject);
      }, inbox.id);
    });
    await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Read me', 'x')) });
    expect(await read).toBe(1);
  });
});
