import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BLOB_STORE, MAILBOX_DELIVERY, QuotaService, type BlobStore, type MailboxDelivery } from '@estafette/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  firstMailboxStoreId,
  ManualClock,
  queue,
  rfc822,
  statementsDuring,
} from './testing/store-fixtures';
import { startStoreTestApp, type StoreTestApp } from './testing/store-test-app';

/**
 * Owner-and-mailbox look-ups outside a transaction that arrive together are one statement
 * (OwnerLookupBatcher, StoreDirectoryRepository.findOwnersAndMailboxes): each must answer what the look-up
 * of one recipient answers, and one bad request must fail alone.
 */
describe('batched owner look-ups', () => {
  let testApp: StoreTestApp;
  let db: DataSource;
  let blobs: BlobStore;
  let delivery: MailboxDelivery;
  let quota: QuotaService;
  let storeId: string;

  beforeAll(async () => {
    testApp = await startStoreTestApp(new ManualClock());
    const get = testApp.app.get.bind(testApp.app);
    [db, blobs, delivery, quota] = [
      get(DataSource),
      get<BlobStore>(BLOB_STORE),
      get<MailboxDelivery>(MAILBOX_DELIVERY),
      get(QuotaService),
    ];
    storeId = await firstMailboxStoreId(db);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  /** Counts the batched and the single look-ups while `work` runs. */
  const lookupsDuring = async <T>(work: () => Promise<T>): Promise<{ result: T; batched: number; single: number }> => {
    const { result, sql } = await statementsDuring(db, work);
    return {
      result,
      batched: sql.filter((s) => s.includes('AS q(recipient_id, folder_role, delivery_key, usage, ord)')).length,
      single: sql.filter((s) => s.includes('mb.last_quota_warning_at') && s.includes('WHERE r.id = $1')).length,
    };
  };

  it('answers concurrent quota checks in one statement, each as a check of its own recipient', async () => {
    const withMail = await createUser(db, 'lookup-full', storeId);
    const limited = await createUser(db, 'lookup-limited', storeId);
    const untouched = await createUser(db, 'lookup-untouched', storeId);
    for (const id of [withMail, limited])
      await delivery.deliver({ recipientId: id, blob: await queue(blobs, rfc822('Hello', 'x'.repeat(3000))) });
    await db.query(
      `UPDATE recipient SET use_store_defaults = false, issue_warning_kb = 1, prohibit_send_kb = 2,
              prohibit_send_receive_kb = 500 WHERE id = $1`,
      [limited],
    );
    const ids = [withMail, limited, untouched, withMail];
    const alone = [];
    for (const id of ids) alone.push(await quota.statusIn(db.manager, id));

    const { result, batched, single } = await lookupsDuring(() => Promise.all(ids.map((id) => quota.status(id))));
    expect(batched).toBe(1);
    expect(single).toBe(0);
    expect(result).toEqual(alone);
    // What the statement read: usage of the delivered message, the recipient's own limits, no mailbox yet.
    expect(result[0].usageBytes).toBeGreaterThan(3000);
    expect(result[0].itemCount).toBe(1);
    expect(result[1].state).toBe('prohibit-send');
    expect(result[1].limits).toEqual({ issueWarningKb: 1, prohibitSendKb: 2, prohibitSendReceiveKb: 500 });
    expect(result[2].store).toBeNull();
    expect(result[2].usageBytes).toBe(0);
  });

  it('fails a look-up of a recipient that does not exist alone, and one the statement cannot read alone', async () => {
    const known = await createUser(db, 'lookup-known', storeId);
    const { result, batched } = await lookupsDuring(() =>
      Promise.allSettled([
        quota.status(known),
        quota.status(randomUUID()),
        quota.status('not-a-uuid'),
        quota.status(known),
      ]),
    );
    // The malformed id fails the shared statement; every look-up is then answered on its own.
    expect(batched).toBe(1);
    expect(result.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const [first, missing, malformed] = result;
    expect(first.status === 'fulfilled' && first.value.recipientId).toBe(known);
    expect(missing.status === 'rejected' && String(missing.reason)).toMatch(/does not exist/);
    expect(malformed.status === 'rejected' && String(malformed.reason)).toMatch(/uuid/i);
  });

  it('finds, for concurrent deliveries, the copies stored earlier under their keys and stores nothing twice', async () => {
    const users = await Promise.all(['lookup-key-a', 'lookup-key-b'].map((alias) => createUser(db, alias, storeId)));
    for (const id of users)
      await delivery.deliver({ recipientId: id, blob: await queue(blobs, rfc822('Opening', 'first')) });
    const blobsIn = await Promise.all([0, 1, 2].map((i) => queue(blobs, rfc822(`Keyed ${i}`, `body ${i}`))));
    const requests = users.flatMap((id, u) =>
      blobsIn.map((blob, i) => ({ recipientId: id, blob, deliveryKey: `lookup-key-${u}-${i}` })),
    );
    const stored = await Promise.all(requests.map((r) => delivery.deliver(r)));
    expect(stored.every((s) => !('duplicate' in s && s.duplicate))).toBe(true);

    const { result, batched } = await lookupsDuring(() => Promise.all(requests.map((r) => delivery.deliver(r))));
    expect(batched).toBeGreaterThan(0);
    expect(batched).toBeLessThan(requests.length);
    expect(result.map((r) => ({ ...r, duplicate: undefined }))).toEqual(
      stored.map((s) => ({ messageId: s.messageId, folderId: s.folderId, uid: s.uid, duplicate: undefined })),
    );
    expect(result.every((r) => 'duplicate' in r && r.duplicate === true)).toBe(true);
    const [count] = await db.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM message WHERE delivery_key LIKE 'lookup-key-%'`,
    );
    expect(Number(count.n)).toBe(requests.length);
  });

  it('creates the mailbox of a first delivery with its default folders in one statement, once under concurrency', async () => {
    const userId = await createUser(db, 'first-delivery', storeId);
    const blobsIn = await Promise.all([0, 1, 2, 3, 4].map((i) => queue(blobs, rfc822(`First ${i}`, `body ${i}`))));
    const { result, sql } = await statementsDuring(db, () =>
      Promise.all(blobsIn.map((blob) => delivery.deliver({ recipientId: userId, blob }))),
    );
    // The statement that creates the mailbox with its folders did it, outside the transaction's path (which
    // checks the store's mount state first).
    expect(
      sql.filter((s) => s.includes('INSERT INTO mailbox') && s.includes('WITH created AS')).length,
    ).toBeGreaterThan(0);
    expect(sql.filter((s) => s.includes('INSERT INTO mailbox') && s.includes('VALUES'))).toEqual([]);
    expect(sql.filter((s) => s.includes('SELECT name, mounted, kind FROM information_store'))).toEqual([]);
    const mailboxes = await db.query<Array<{ id: string }>>(`SELECT id FROM mailbox WHERE recipient_id = $1`, [userId]);
    expect(mailboxes).toHaveLength(1);
    const folders = await db.query<Array<{ id: string; name: string; special_use: string }>>(
      `SELECT id, name, special_use FROM folder WHERE mailbox_id = $1 ORDER BY name`,
      [mailboxes[0].id],
    );
    expect(folders.map((f) => [f.name, f.special_use])).toEqual([
      ['Deleted Items', 'trash'],
      ['Drafts', 'drafts'],
      ['Inbox', 'inbox'],
      ['Junk E-mail', 'junk'],
      ['Outbox', 'outbox'],
      ['Sent Items', 'sent'],
    ]);
    const inbox = folders.find((f) => f.special_use === 'inbox')?.id;
    expect(result.every((r) => r.folderId === inbox)).toBe(true);
    expect(result.map((r) => r.uid).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('creates no mailbox in a dismounted home store: the first delivery fails with a temporary error', async () => {
    const userId = await createUser(db, 'first-dismounted', storeId);
    const blob = await queue(blobs, rfc822('Dismounted', 'x'));
    await db.query(`UPDATE information_store SET mounted = false WHERE id = $1`, [storeId]);
    try {
      await expect(delivery.deliver({ recipientId: userId, blob })).rejects.toThrow(
        /not mounted|unavailable|dismount/i,
      );
    } finally {
      await db.query(`UPDATE information_store SET mounted = true WHERE id = $1`, [storeId]);
    }
    expect(await db.query(`SELECT id FROM mailbox WHERE recipient_id = $1`, [userId])).toEqual([]);
    // Mounted again, the retry creates it and stores the message.
    const stored = await delivery.deliver({ recipientId: userId, blob });
    expect(stored.uid).toBe(1);
  });
});
