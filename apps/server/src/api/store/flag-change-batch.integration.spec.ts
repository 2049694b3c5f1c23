import { firstValueFrom, filter, timeout, toArray, takeUntil, timer } from 'rxjs';
import { DataSource } from 'typeorm';
import { ChangeNotifier, MAILBOX_DELIVERY, MessageService, type MailboxDelivery, BLOB_STORE } from '@estafette/store';
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
 * Flag changes and expunges outside a transaction that arrive together are one statement each
 * (FlagChangeBatcher, ExpungeBatcher, MessageRepository.changeFlagsMany and expungeFlaggedMany): each must
 * change, answer, journal and announce what it would alone.
 */
describe('batched flag changes and expunges', () => {
  let testApp: StoreTestApp;
  let db: DataSource;
  let messages: MessageService;
  let folders: string[];

  const merged = (sql: string[]) => sql.filter((s) => s.includes('uids bigint[]')).length;
  const state = (folderId: string) =>
    db.query<Array<{ uid: string; flags: string[]; modseq: string }>>(
      `SELECT uid, flags, modseq FROM message WHERE folder_id = $1 AND deleted_at IS NULL ORDER BY uid`,
      [folderId],
    );
  const journal = (folderId: string, after: number) =>
    db.query<Array<{ modseq: string; kind: string; uid: string }>>(
      `SELECT modseq, kind, uid FROM folder_change WHERE folder_id = $1 AND modseq > $2 ORDER BY modseq, uid`,
      [folderId, after],
    );
  const highest = async (folderId: string) =>
    Number(
      (await db.query<Array<{ m: string }>>(`SELECT highest_modseq AS m FROM folder WHERE id = $1`, [folderId]))[0].m,
    );

  beforeAll(async () => {
    testApp = await startStoreTestApp(new ManualClock());
    db = testApp.app.get(DataSource);
    messages = testApp.app.get(MessageService);
    const delivery = testApp.app.get<MailboxDelivery>(MAILBOX_DELIVERY);
    const blobs = testApp.app.get(BLOB_STORE);
    const storeId = await firstMailboxStoreId(db);
    folders = [];
    for (const alias of ['flags-a', 'flags-b', 'flags-c']) {
      const id = await createUser(db, alias, storeId);
      let folderId = '';
      for (let i = 0; i < 4; i++)
        folderId = (await delivery.deliver({ recipientId: id, blob: await queue(blobs, rfc822(`${alias} ${i}`, 'x')) }))
          .folderId;
      folders.push(folderId);
    }
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('changes several folders in one statement, each with its own MODSEQ, journal lines and announcement', async () => {
    const [a, b, c] = folders;
    const before = await Promise.all(folders.map(highest));
    const notifier = testApp.app.get(ChangeNotifier);
    const heard = firstValueFrom(
      notifier.changes().pipe(
        filter((change) => folders.includes(change.folderId)),
        takeUntil(timer(1500)),
        toArray(),
        timeout(5000),
      ),
    );
    const { result, sql } = await statementsDuring(db, () =>
      Promise.all([
        messages.changeFlags(a, [1, 2], 'add', ['\\Seen', '$Work']),
        messages.changeFlags(b, [2, 3, 99], 'set', ['\\Flagged']),
        messages.changeFlags(c, [4], 'remove', ['\\Seen']), // nothing to remove: still a MODSEQ, no journal
      ]),
    );
    expect(merged(sql)).toBe(1);
    expect(result.map((r) => r.modseq)).toEqual(before.map((m) => m + 1));
    expect(result[0].changed).toEqual([
      { uid: 1, flags: ['\\Seen', '$Work'] },
      { uid: 2, flags: ['\\Seen', '$Work'] },
    ]);
    expect(result[1].rows).toEqual([
      { uid: 2, flags: ['\\Flagged'], modseq: before[1] + 1, changed: true },
      { uid: 3, flags: ['\\Flagged'], modseq: before[1] + 1, changed: true },
    ]);
    expect(result[2].changed).toEqual([]);
    expect(result[2].rows).toHaveLength(1);
    expect((await state(a)).map((r) => r.flags)).toEqual([['\\Seen', '$Work'], ['\\Seen', '$Work'], [], []]);
    expect((await journal(a, before[0])).map((j) => [Number(j.modseq), j.kind, Number(j.uid)])).toEqual([
      [before[0] + 1, 'flags', 1],
      [before[0] + 1, 'flags', 2],
    ]);
    expect(await journal(c, before[2])).toEqual([]);
    const changes = await heard;
    expect(changes.filter((x) => x.folderId === a).map((x) => x.modseq)).toContain(before[0] + 1);
    expect(changes.filter((x) => x.folderId === b).map((x) => x.modseq)).toContain(before[1] + 1);
    expect(changes.filter((x) => x.folderId === c)).toEqual([]);
  });

  it('honours UNCHANGEDSINCE per change, and runs two changes of one folder one after the other', async () => {
    const [a, b] = folders;
    const [ha, hb] = await Promise.all([highest(a), highest(b)]);
    const rowsOfB = await state(b);
    const { result, sql } = await statementsDuring(db, () =>
      Promise.all([
        // uid 2 of b changed in the test before (its MODSEQ is above this): left alone, reported.
        messages.changeFlags(b, [1, 2], 'add', ['\\Answered'], Number(rowsOfB[0].modseq)),
        messages.changeFlags(a, [3], 'add', ['\\Draft']),
        messages.changeFlags(a, [3], 'add', ['\\Flagged']),
      ]),
    );
    expect(merged(sql)).toBe(0);
    expect(result[0].changed.map((c) => c.uid)).toEqual([1]);
    expect(result[0].rows.find((r) => r.uid === 2)).toMatchObject({ changed: false });
    expect(result[0].modseq).toBe(hb + 1);
    expect([result[1].modseq, result[2].modseq]).toEqual([ha + 1, ha + 2]);
    expect((await state(a))[2].flags).toEqual(['\\Draft', '\\Flagged']);
  });

  it('expunges several folders in one statement: counters, journal, MODSEQ each; two of one folder one by one', async () => {
    const [a, b, c] = folders;
    await Promise.all([
      messages.changeFlags(a, [1, 4], 'add', ['\\Deleted']),
      messages.changeFlags(b, [2], 'add', ['\\Deleted']),
    ]);
    const counters = (folderId: string) =>
      db
        .query<Array<{ n: number; bytes: string }>>(
          `SELECT message_count AS n, size_bytes AS bytes FROM folder WHERE id = $1`,
          [folderId],
        )
        .then(([r]) => ({ n: Number(r.n), bytes: Number(r.bytes) }));
    const sizes = async (folderId: string, uids: number[]) =>
      Number(
        (
          await db.query<Array<{ s: string }>>(
            `SELECT COALESCE(sum(size), 0) AS s FROM message WHERE folder_id = $1 AND uid = ANY($2::bigint[])`,
            [folderId, uids],
          )
        )[0].s,
      );
    const before = await Promise.all(folders.map(highest));
    const countersBefore = await Promise.all(folders.map(counters));
    const goneBytes = [await sizes(a, [1, 4]), await sizes(b, [2]), 0];
    const { result, sql } = await statementsDuring(db, () =>
      Promise.all([a, b, c].map((folderId) => messages.expungeReporting(folderId))),
    );
    expect(sql.filter((s) => s.includes('now timestamptz')).length).toBe(1);
    expect(result).toEqual([
      { uids: [1, 4], modseq: before[0] + 1 },
      { uids: [2], modseq: before[1] + 1 },
      { uids: [], modseq: before[2] + 1 },
    ]);
    for (const i of [0, 1, 2])
      expect(await counters(folders[i])).toEqual({
        n: countersBefore[i].n - result[i].uids.length,
        bytes: countersBefore[i].bytes - goneBytes[i],
      });
    expect((await state(a)).map((r) => Number(r.uid))).toEqual([2, 3]);
    expect((await journal(b, before[1])).map((j) => [Number(j.modseq), j.kind, Number(j.uid)])).toEqual([
      [before[1] + 1, 'expunge', 2],
    ]);

    await messages.changeFlags(c, [1], 'add', ['\\Deleted']);
    const hc = await highest(c);
    const twice = await statementsDuring(db, () =>
      Promise.all([messages.expungeReporting(c), messages.expungeReporting(c)]),
    );
    expect(twice.sql.filter((s) => s.includes('now timestamptz')).length).toBe(0);
    expect(twice.result).toEqual([
      { uids: [1], modseq: hc + 1 },
      { uids: [], modseq: hc + 2 },
    ]);
  });
});
