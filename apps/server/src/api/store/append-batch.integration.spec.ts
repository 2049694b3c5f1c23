import { Readable } from 'node:stream';
import { firstValueFrom, filter, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import { summarizeMessage } from '@estafette/mime';
import {
  BLOB_STORE,
  ChangeNotifier,
  MAILBOX_DELIVERY,
  MessageService,
  QuotaExceededError,
  SearchIndexer,
  storeNamespace,
  type BlobRef,
  type BlobStore,
  type MailboxDelivery,
} from '@estafette/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  firstMailboxStoreId,
  ManualClock,
  queue,
  rfc822,
  statementsDuring as statementsOf,
} from './testing/store-fixtures';
import { startStoreTestApp, type StoreTestApp } from './testing/store-test-app';

interface StoredRow {
  uid: string;
  modseq: string;
  flags: string[];
  size: number;
  subject: string;
  from_address: string;
  to_addresses: string;
  message_id: string | null;
  in_reply_to: string | null;
  message_references: string[];
  sent_at: Date | null;
  envelope: unknown;
  body_structure: unknown;
  search_text: string | null;
}

/**
 * Appends outside a transaction that arrive together go to the database as one statement (AppendBatcher,
 * MessageRepository.allocateAndInsertMany): what it stores must be what one statement per message stores.
 */
describe('batched appends', () => {
  let testApp: StoreTestApp;
  let db: DataSource;
  let blobs: BlobStore;
  let delivery: MailboxDelivery;
  let messages: MessageService;
  let storeId: string;

  beforeAll(async () => {
    testApp = await startStoreTestApp(new ManualClock());
    db = testApp.app.get(DataSource);
    blobs = testApp.app.get(BLOB_STORE);
    delivery = testApp.app.get(MAILBOX_DELIVERY);
    messages = testApp.app.get(MessageService);
    storeId = await firstMailboxStoreId(db);
    await testApp.app.get(SearchIndexer).onModuleDestroy();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  /** Counts the batched and the single appends while `work` runs. */
  const statementsDuring = async <T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; batched: number; single: number }> => {
    const { result, sql } = await statementsOf(db, work);
    return {
      result,
      batched: sql.filter((s) => s.includes('jsonb_to_recordset')).length,
      single: sql.filter((s) => s.includes('INSERT INTO message (') && !s.includes('jsonb_to_recordset')).length,
    };
  };

  const rows = (folderId: string) =>
    db.query<StoredRow[]>(
      `SELECT m.uid, m.modseq, m.flags, m.size, m.subject, m.from_address, m.to_addresses, m.message_id, m.in_reply_to,
              m.message_references, m.sent_at, m.envelope, m.body_structure, t.search_text
         FROM message m LEFT JOIN message_fulltext t ON t.message_id = m.id
        WHERE m.folder_id = $1 ORDER BY m.uid`,
      [folderId],
    );

  const folderCounters = async (folderId: string) => {
    const [row] = await db.query<
      Array<{ uidnext: string; highest_modseq: string; message_count: number; size_bytes: string }>
    >(`SELECT uidnext, highest_modseq, message_count, size_bytes FROM folder WHERE id = $1`, [folderId]);
    return {
      uidnext: Number(row.uidnext),
      highestModseq: Number(row.highest_modseq),
      messageCount: Number(row.message_count),
      sizeBytes: Number(row.size_bytes),
    };
  };

  it('stores concurrent deliveries to several mailboxes in one statement, each folder in order, as single appends do', async () => {
    const users = await Promise.all(['batch-a', 'batch-b', 'batch-c'].map((alias) => createUser(db, alias, storeId)));
    // The first delivery of each creates its mailbox (a statement of its own).
    const firsts = await Promise.all(
      users.map(async (id) =>
        delivery.deliver({ recipientId: id, blob: await queue(blobs, rfc822('Opening', 'hello')) }),
      ),
    );
    const shared = await queue(blobs, rfc822('Shared', 'one file for three mailboxes'));
    const refcount = async (sha256: string) =>
      Number(
        (
          await db.query<Array<{ refcount: number }>>(
            `SELECT refcount FROM store_blob WHERE information_store_id = $1 AND sha256 = $2`,
            [storeId, sha256],
          )
        )[0]?.refcount ?? 0,
      );
    const sharedBefore = await refcount(shared.sha256);
    const before = await Promise.all(firsts.map((f) => folderCounters(f.folderId)));

    const notifier = testApp.app.get(ChangeNotifier);
    const heard = firstValueFrom(
      notifier.changes(firsts[1].folderId).pipe(
        filter((c) => c.modseq >= before[1].highestModseq + 9),
        timeout(10_000),
      ),
    );
    const blobsIn = await Promise.all(
      Array.from({ length: 8 }, (_, i) => queue(blobs, rfc822(`Load ${i}`, `body ${i}`))),
    );
    const { result, batched } = await statementsDuring(() =>
      Promise.all([
        ...users.flatMap((id) => blobsIn.map((blob) => delivery.deliver({ recipientId: id, blob }))),
        ...users.map((id) => delivery.deliver({ recipientId: id, blob: shared })),
      ]),
    );
    expect(batched).toBeGreaterThan(0);
    expect(batched).toBeLessThan(result.length);

    for (const u of users.keys()) {
      const mine = result.filter((r) => r.folderId === firsts[u].folderId);
      expect(mine).toHaveLength(9);
      // UIDs continue the folder's, without gaps; MODSEQs strictly increase with them.
      const start = firsts[u].uid + 1;
      expect(mine.map((r) => r.uid).sort((a, b) => a - b)).toEqual(Array.from({ length: 9 }, (_, i) => start + i));
      const stored = (await rows(firsts[u].folderId)).slice(1);
      const modseqs = stored.map((r) => Number(r.modseq));
      for (let i = 1; i < modseqs.length; i += 1) expect(modseqs[i]).toBeGreaterThan(modseqs[i - 1]);
      // The folder's counters moved by the messages and their bytes.
      const after = await folderCounters(firsts[u].folderId);
      const bytes = blobsIn.reduce((sum, b) => sum + b.size, shared.size);
      expect(after).toEqual({
        uidnext: before[u].uidnext + 9,
        highestModseq: modseqs[modseqs.length - 1],
        messageCount: before[u].messageCount + 9,
        sizeBytes: before[u].sizeBytes + bytes,
      });
      expect(after.highestModseq).toBe(before[u].highestModseq + 9);
      // One journal line per message.
      const [journal] = await db.query<Array<{ n: string }>>(
        `SELECT count(*) AS n FROM folder_change WHERE folder_id = $1 AND kind = 'append' AND modseq > $2`,
        [firsts[u].folderId, before[u].highestModseq],
      );
      expect(Number(journal.n)).toBe(9);
    }
    // One reference per copy on the file the three mailboxes share.
    expect(await refcount(shared.sha256)).toBe(sharedBefore + 3);
    // The folder's announcement carries its highest MODSEQ.
    expect((await heard).modseq).toBe(before[1].highestModseq + 9);
  });

  it('stores a message batched exactly as one stored alone: header fields, envelope, structure, full-text', async () => {
    const userId = await createUser(db, 'batch-same', storeId);
    const first = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Opening', 'x')) });
    const raw = rfc822('Alone', 'Grüße aus Köln: a findable word, quetzal', [
      'In-Reply-To: <root@example.com>',
      'References: <root@example.com> <middle@example.com>',
      'Cc: Bob <bob@example.com>',
    ]);
    await delivery.deliver({ recipientId: userId, blob: await queue(blobs, raw), flags: ['\\Flagged'] });
    const blobsIn = await Promise.all(
      [raw, rfc822('Filler 1', 'f'), rfc822('Filler 2', 'g')].map((m) => queue(blobs, m)),
    );
    const summaries = await Promise.all(blobsIn.map((b) => summarizeMessage(blobs.open('queue', b.sha256))));
    const { batched } = await statementsDuring(() =>
      Promise.all(
        blobsIn.map((blob, i) =>
          messages.appendInStore(
            first.folderId,
            storeId,
            { blob, namespace: 'queue', flags: i === 0 ? ['\\Flagged'] : undefined },
            summaries[i],
          ),
        ),
      ),
    );
    expect(batched).toBe(1);
    const stored = await rows(first.folderId);
    const [single, inBatch] = stored.filter((r) => r.subject === 'Alone');
    const strip = (r: StoredRow) => ({ ...r, uid: undefined, modseq: undefined });
    expect(strip(inBatch)).toEqual(strip(single));
    expect(inBatch).toMatchObject({
      flags: ['\\Flagged'],
      message_references: ['<root@example.com>', '<middle@example.com>'],
      in_reply_to: '<root@example.com>',
    });
    expect(inBatch.search_text).toContain('quetzal');
  });

  it('answers null for a message whose folder is not in the store it names, and stores the others of its batch', async () => {
    const userId = await createUser(db, 'batch-elsewhere', storeId);
    const first = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Opening', 'x')) });
    const blobsIn = await Promise.all([1, 2, 3].map((i) => queue(blobs, rfc822(`Where ${i}`, 'y'))));
    const summaries = await Promise.all(blobsIn.map((b) => summarizeMessage(blobs.open('queue', b.sha256))));
    const otherStore = '00000000-0000-4000-8000-000000000000';
    const { result, batched } = await statementsDuring(() =>
      Promise.all(
        blobsIn.map((blob, i) =>
          messages.appendInStore(
            first.folderId,
            i === 1 ? otherStore : storeId,
            { blob, namespace: 'queue' },
            summaries[i],
          ),
        ),
      ),
    );
    expect(batched).toBe(1);
    expect(result[1]).toBeNull();
    expect(result[0]?.uid).toBe(first.uid + 1);
    expect(result[2]?.uid).toBe(first.uid + 2);
    expect((await rows(first.folderId)).map((r) => r.subject)).toEqual(['Opening', 'Where 1', 'Where 3']);
  });

  it('runs the appends of a failed statement one by one: one delivery key used twice fails that append alone', async () => {
    const userId = await createUser(db, 'batch-twice', storeId);
    const first = await delivery.deliver({ recipientId: userId, blob: await queue(blobs, rfc822('Opening', 'x')) });
    const blobsIn = await Promise.all(['Twice', 'Twice', 'Bystander'].map((s) => queue(blobs, rfc822(s, s))));
    const summaries = await Promise.all(blobsIn.map((b) => summarizeMessage(blobs.open('queue', b.sha256))));
    const keys = ['twice/1', 'twice/1', 'bystander/1'];
    const { result, batched, single } = await statementsDuring(() =>
      Promise.allSettled(
        blobsIn.map((blob, i) =>
          messages.appendInStore(
            first.folderId,
            storeId,
            { blob, namespace: 'queue', deliveryKey: keys[i] },
            summaries[i],
          ),
        ),
      ),
    );
    // The batch hit the unique delivery key and wrote nothing; one by one, the first and the bystander commit.
    expect(batched).toBe(1);
    expect(single).toBe(3);
    // (One by one they may run at once on PostgreSQL: either twin may win.)
    expect(
      result
        .slice(0, 2)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['fulfilled', 'rejected']);
    expect(result[2].status).toBe('fulfilled');
    const stored = await rows(first.folderId);
    expect(stored.map((r) => r.subject).sort()).toEqual(['Bystander', 'Opening', 'Twice']);
    expect(await folderCounters(first.folderId)).toMatchObject({ uidnext: first.uid + 3, messageCount: 3 });
    // The delivery service answers such a retry with the copy stored first.
    const again = await delivery.deliver({ recipientId: userId, blob: blobsIn[0], deliveryKey: 'twice/1' });
    const twin = result.find((r) => r.status === 'fulfilled');
    expect(again).toMatchObject({ duplicate: true, uid: twin?.status === 'fulfilled' ? twin.value?.uid : -1 });
  });

  it("an append asking for the quota check is refused past the owner's limit, alone or in a batch, writing nothing", async () => {
    const owner = await createUser(db, 'quota-append', storeId);
    const first = await delivery.deliver({ recipientId: owner, blob: await queue(blobs, rfc822('Opening', 'hello')) });
    const { sizeBytes } = await folderCounters(first.folderId);
    // Room for about 10 KiB more: the small messages fit, the large one does not.
    await db.query(`UPDATE recipient SET use_store_defaults = false, prohibit_send_receive_kb = $2 WHERE id = $1`, [
      owner,
      Math.ceil(sizeBytes / 1024) + 10,
    ]);
    const namespace = storeNamespace(storeId);
    const put = (subject: string, bytes: number) =>
      blobs.put(namespace, Readable.from([rfc822(subject, 'x'.repeat(bytes))]));
    const [small1, large, small2] = await Promise.all([
      put('Small 1', 1000),
      put('Large', 50_000),
      put('Small 2', 1000),
    ]);
    const append = (blob: BlobRef, quotaCheck = true) =>
      messages.append(first.folderId, { blob, namespace, quotaCheck });

    await expect(append(large)).rejects.toBeInstanceOf(QuotaExceededError);
    expect(await folderCounters(first.folderId)).toMatchObject({ messageCount: 1, sizeBytes });

    // Summaries first, so that the three reach the batcher together (as concurrent sessions' appends do).
    const trio = [small1, large, small2];
    const summaries = await Promise.all(trio.map((b) => summarizeMessage(blobs.open(namespace, b.sha256))));
    const { result, batched } = await statementsDuring(() =>
      Promise.allSettled(
        trio.map((blob, i) =>
          messages.appendInStore(first.folderId, storeId, { blob, namespace, quotaCheck: true }, summaries[i]),
        ),
      ),
    );
    expect(batched).toBe(1);
    expect(result.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((result[1] as PromiseRejectedResult).reason).toBeInstanceOf(QuotaExceededError);
    expect((await rows(first.folderId)).map((r) => r.subject)).toEqual(['Opening', 'Small 1', 'Small 2']);
    expect(await folderCounters(first.folderId)).toMatchObject({
      messageCount: 3,
      sizeBytes: sizeBytes + small1.size + small2.size,
    });
    // Without the check (local delivery decides quota elsewhere) the same message is stored.
    await expect(append(large, false)).resolves.toMatchObject({ uid: first.uid + 3 });
  });
});
