import { DataSource } from 'typeorm';
import {
  BLOB_STORE,
  FolderService,
  MAILBOX_DELIVERY,
  MessageService,
  StoreMaintenanceService,
  type BlobStore,
  type MailboxDelivery,
} from '@estafette/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, DAY_MS, firstMailboxStoreId, ManualClock, queue, rfc822 } from './testing/store-fixtures';
import { startStoreTestApp, type StoreTestApp } from './testing/store-test-app';

/** Pruning of the change journal by the store's maintenance pass, and the floor it leaves (real database). */
describe('change journal pruning', () => {
  let testApp: StoreTestApp;
  let db: DataSource;
  let messages: MessageService;
  let maintenance: StoreMaintenanceService;
  let inboxId: string;
  let otherId: string;
  // The journal's rows are timestamped by the database: the store's clock starts at the real time.
  const clock = new ManualClock(new Date());

  /** Makes the journal rows of a folder up to a MODSEQ look `days` old. */
  const age = (folderId: string, upTo: number, days: number) =>
    db.query(
      `UPDATE folder_change SET changed_at = now() - $3 * interval '1 day' WHERE folder_id = $1 AND modseq <= $2`,
      [folderId, upTo, days],
    );
  const journalRows = async (folderId: string) =>
    Number(
      (
        await db.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM folder_change WHERE folder_id = $1`, [folderId])
      )[0].n,
    );

  beforeAll(async () => {
    testApp = await startStoreTestApp(clock);
    const { app } = testApp;
    db = app.get(DataSource);
    messages = app.get(MessageService);
    maintenance = app.get(StoreMaintenanceService);
    const blobs = app.get<BlobStore>(BLOB_STORE);
    const delivery = app.get<MailboxDelivery>(MAILBOX_DELIVERY);
    const storeId = await firstMailboxStoreId(db);
    const user = await createUser(db, 'journal', storeId);
    const other = await createUser(db, 'other', storeId);
    for (const subject of ['one', 'two', 'three'])
      await delivery.deliver({ recipientId: user, blob: await queue(blobs, rfc822(subject, subject)) });
    await delivery.deliver({ recipientId: other, blob: await queue(blobs, rfc822('kept', 'kept')) });
    const folders = app.get(FolderService);
    inboxId = (await folders.byRole(user, 'inbox')).id;
    otherId = (await folders.byRole(other, 'inbox')).id;
  });
  afterAll(async () => testApp?.close());

  it('keeps recent rows, prunes old ones from the maintenance pass, and reports the history below the floor as incomplete', async () => {
    // Appends at MODSEQ 2, 3, 4; flags at 5 and 6; the expunge of UID 2 at 7.
    await messages.changeFlags(inboxId, [1], 'add', ['\\Seen']);
    await messages.changeFlags(inboxId, [2], 'add', ['\\Deleted']);
    await messages.expunge(inboxId);
    const full = await messages.journalSince(inboxId, 1);
    expect(full.complete).toBe(true);
    expect(full.floor).toBe(0);
    expect(full.changes.map((c) => [c.modseq, c.kind, c.uid])).toEqual([
      [2, 'append', 1],
      [3, 'append', 2],
      [4, 'append', 3],
      [5, 'flags', 1],
      [6, 'flags', 2],
      [7, 'expunge', 2],
    ]);

    // Nothing is old enough yet: a maintenance pass keeps every row.
    await maintenance.runOnce();
    expect(await journalRows(inboxId)).toBe(6);

    // The appends are 31 days old (older than the 30-day retention), the rest 29 days.
    await age(inboxId, 4, 31);
    await age(otherId, 100, 29);
    await maintenance.runOnce();
    expect(await journalRows(inboxId)).toBe(3);
    expect(await journalRows(otherId)).toBe(1);

    const stale = await messages.journalSince(inboxId, 1);
    expect(stale).toMatchObject({ complete: false, floor: 4 });
    const fresh = await messages.journalSince(inboxId, 4);
    expect(fresh.complete).toBe(true);
    expect(fresh.changes.map((c) => [c.modseq, c.kind, c.uid])).toEqual([
      [5, 'flags', 1],
      [6, 'flags', 2],
      [7, 'expunge', 2],
    ]);
    expect((await messages.journalSince(otherId, 1)).complete).toBe(true);
  });

  it('raises the floor past pruned expunges and never lowers it', async () => {
    await age(inboxId, 7, 40);
    clock.advance(DAY_MS);
    await maintenance.runOnce();
    expect(await journalRows(inboxId)).toBe(0);
    expect(await messages.journalSince(inboxId, 6)).toMatchObject({ complete: false, floor: 7, changes: [] });
    expect((await messages.journalSince(inboxId, 7)).complete).toBe(true);

    // New changes after the floor are journalled and complete; the floor stays where it was.
    await messages.changeFlags(inboxId, [3], 'add', ['\\Flagged']);
    const after = await messages.journalSince(inboxId, 7);
    expect(after).toMatchObject({ complete: true, floor: 7 });
    expect(after.changes.map((c) => [c.modseq, c.kind, c.uid])).toEqual([[8, 'flags', 3]]);
    await maintenance.runOnce();
    expect((await messages.journalSince(inboxId, 7)).floor).toBe(7);
  });
});
