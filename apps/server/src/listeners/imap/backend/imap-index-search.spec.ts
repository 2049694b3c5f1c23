import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchKey } from '@estafette/protocols-imap';
import { MessageService } from '@estafette/store';
import { startTestServer, type TestServer } from '../../../testing/test-server';
import { deliver, sampleMessage } from '../../pop3/testing/pop3-fixtures';
import { createUser } from '../../smtp/testing/smtp-fixtures';
import { ImapMessageRepository } from '../imap-message.repository';
import { ImapSearchService } from '../search/imap-search.service';
import { FolderIndex } from './imap-folder-index';
import { searchIndexed } from './imap-index-search';

/** SEARCH from the folder index against the store's SQL on the same folder: the same UIDs for every key. */
describe('IMAP SEARCH from the folder index', () => {
  let server: TestServer;
  let folder: string;
  let index: FolderIndex;
  let sql: ImapSearchService;

  beforeAll(async () => {
    server = await startTestServer();
    const user = await createUser(await server.login(), 'ixsearch');
    for (let i = 0; i < 12; i++) await deliver(server, user.id, sampleMessage(`search ${i} ${'x'.repeat(i * 300)}`));
    const db = server.app.get(DataSource);
    [{ id: folder }] = await db.query<Array<{ id: string }>>(
      `SELECT f.id FROM folder f JOIN mailbox m ON m.id = f.mailbox_id WHERE m.recipient_id = $1 AND f.special_use = 'inbox'`,
      [user.id],
    );
    // Internal dates around midnight UTC on three days, so BEFORE/ON/SINCE have edges to get wrong.
    const dates = [
      '2026-03-01T23:59:59.999Z',
      '2026-03-02T00:00:00Z',
      '2026-03-02T12:00:00Z',
      '2026-03-03T00:00:00.001Z',
    ];
    for (let uid = 1; uid <= 12; uid++)
      await db.query(`UPDATE message SET internal_date = $3 WHERE folder_id = $1 AND uid = $2`, [
        folder,
        uid,
        dates[uid % dates.length],
      ]);
    const messages = server.app.get(MessageService);
    await messages.changeFlags(folder, [1, 2, 3, 4], 'add', ['\\Seen']);
    await messages.changeFlags(folder, [3, 5, 7], 'add', ['\\Flagged', '$Work']);
    await messages.changeFlags(folder, [4, 8], 'add', ['\\Deleted', 'Later']);
    await messages.changeFlags(folder, [9], 'add', ['\\Answered', '\\Draft']);
    // Built directly, so that PostgreSQL runs check it too (the process's index is on PGlite only).
    const read = await server.app.get(ImapMessageRepository).snapshot(folder, 100);
    if (!read.state || !read.complete) throw new Error('no complete snapshot');
    index = FolderIndex.fromSnapshot(read.state, read.messages);
    sql = server.app.get(ImapSearchService);
  }, 60_000);
  afterAll(async () => server?.close());

  async function same(key: SearchKey): Promise<void> {
    const fromIndex = searchIndexed(index, key);
    const shown = JSON.stringify(key, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    expect(fromIndex, shown).not.toBeNull();
    expect(fromIndex, shown).toEqual(await sql.search(folder, key));
  }

  it('answers flags, keywords in any case, UIDs, sizes, days of the internal date and MODSEQ as SQL does', async () => {
    const keys: SearchKey[] = [
      { kind: 'all' },
      { kind: 'flag', flag: '\\Seen', set: false },
      { kind: 'flag', flag: '\\seen', set: true },
      { kind: 'flag', flag: '\\FLAGGED', set: true },
      { kind: 'flag', flag: '$work', set: true },
      { kind: 'flag', flag: 'later', set: false },
      { kind: 'flag', flag: '\\Recent', set: true },
      { kind: 'flag', flag: '\\Recent', set: false },
      { kind: 'new' },
      { kind: 'old' },
      { kind: 'uid', uids: [2, 4, 6, 99] },
      { kind: 'size', op: 'larger', bytes: 1500 },
      { kind: 'size', op: 'smaller', bytes: 1500 },
      { kind: 'modseq', modseq: index.all()[6].modseq },
      ...(['before', 'on', 'since'] as const).flatMap((op) =>
        ['2026-03-01', '2026-03-02', '2026-03-03'].map((date): SearchKey => ({
          kind: 'date',
          field: 'internal',
          op,
          date,
        })),
      ),
      {
        kind: 'or',
        left: { kind: 'flag', flag: '\\Deleted', set: true },
        right: { kind: 'not', key: { kind: 'uid', uids: [1, 2, 3] } },
      },
      {
        kind: 'and',
        keys: [
          { kind: 'flag', flag: '\\Seen', set: true },
          { kind: 'size', op: 'smaller', bytes: 1200 },
        ],
      },
    ];
    for (const key of keys) await same(key);
  });

  it('leaves keys on headers, text and the Date: header to the store', () => {
    expect(searchIndexed(index, { kind: 'header', field: 'from', value: 'a' })).toBeNull();
    expect(searchIndexed(index, { kind: 'text', value: 'search' })).toBeNull();
    expect(searchIndexed(index, { kind: 'date', field: 'sent', op: 'on', date: '2026-03-02' })).toBeNull();
    expect(searchIndexed(index, { kind: 'date', field: 'internal', op: 'on', date: '2026-02-30' })).toBeNull();
    expect(
      searchIndexed(index, {
        kind: 'and',
        keys: [{ kind: 'all' }, { kind: 'not', key: { kind: 'body', value: 'x' } }],
      }),
    ).toBeNull();
  });

  it('agrees with SQL on random trees of such keys', async () => {
    const leaf = fc.oneof(
      fc
        .constantFrom('\\Seen', '\\Flagged', '\\Deleted', '\\Answered', '\\Draft', '$Work', 'LATER', 'none')
        .chain((flag) => fc.boolean().map((set): SearchKey => ({ kind: 'flag', flag, set }))),
      fc
        .uniqueArray(fc.integer({ min: 1, max: 14 }), { maxLength: 5 })
        .map((uids): SearchKey => ({ kind: 'uid', uids })),
      fc
        .tuple(fc.constantFrom<'larger' | 'smaller'>('larger', 'smaller'), fc.integer({ min: 0, max: 5000 }))
        .map(([op, bytes]): SearchKey => ({ kind: 'size', op, bytes })),
      fc
        .tuple(
          fc.constantFrom<'before' | 'on' | 'since'>('before', 'on', 'since'),
          fc.constantFrom('2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'),
        )
        .map(([op, date]): SearchKey => ({ kind: 'date', field: 'internal', op, date })),
    );
    const { tree } = fc.letrec<{ tree: SearchKey }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        tie('tree').map((key): SearchKey => ({ kind: 'not', key })),
        fc.tuple(tie('tree'), tie('tree')).map(([left, right]): SearchKey => ({ kind: 'or', left, right })),
        fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((keys): SearchKey => ({ kind: 'and', keys })),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(tree, (key) => same(key)),
      { numRuns: 150 },
    );
  }, 60_000);
});
