import { DataSource } from 'typeorm';
import {
  BLOB_STORE,
  FolderService,
  MailboxService,
  MessageSearchService,
  MessageService,
  type MessageFilter,
} from '@estafette/store';
import type { SearchKey, ThreadNode } from '@estafette/protocols-imap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, firstMailboxStoreId } from '../../../api/store/testing/store-fixtures';
import { startStoreTestApp, type StoreTestApp } from '../../../api/store/testing/store-test-app';
import { ImapSearchService } from './imap-search.service';
import { appendCorpus } from './testing/search-corpus';

const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const except = (...uids: number[]): number[] => ALL.filter((u) => !uids.includes(u));
const header = (field: string, value: string): MessageFilter => ({ kind: 'header', field, value });
const flag = (name: string, set = true): Extract<SearchKey, { kind: 'flag' }> => ({ kind: 'flag', flag: name, set });
const date = (field: 'internal' | 'sent', op: 'before' | 'on' | 'since', day: string): MessageFilter => ({
  kind: 'date',
  field,
  op,
  date: day,
});

/** SEARCH keys against a real database (PGlite, or PostgreSQL with DATABASE_URL) over the crafted corpus. */
describe('message search (IMAP SEARCH keys in SQL)', () => {
  let testApp: StoreTestApp;
  let search: MessageSearchService;
  let messages: MessageService;
  let folderId: string;
  let flaggedModseq: number;

  beforeAll(async () => {
    testApp = await startStoreTestApp();
    const { app } = testApp;
    const db = app.get(DataSource);
    search = app.get(MessageSearchService);
    messages = app.get(MessageService);
    const userId = await createUser(db, 'searcher', await firstMailboxStoreId(db));
    await app.get(MailboxService).ensureMailbox(userId);
    folderId = (await app.get(FolderService).list(userId))[0].id;
    await appendCorpus(app.get(BLOB_STORE), messages, folderId);
    ({ modseq: flaggedModseq } = await messages.changeFlags(folderId, [3], 'add', ['\\Flagged']));
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const uids = async (filter: MessageFilter, recentUids?: number[]): Promise<number[]> =>
    (await search.filter(folderId, filter, { recentUids })).uids;

  it.each<[string, MessageFilter, number[]]>([
    ['ALL', { kind: 'all' }, ALL],
    ['SEEN', flag('\\Seen'), [1, 7, 8]],
    ['UNSEEN', flag('\\Seen', false), except(1, 7, 8)],
    ['FLAGGED (any case, after STORE)', flag('\\flagged'), [2, 3]],
    ['ANSWERED', flag('\\Answered'), [2]],
    ['DELETED', flag('\\Deleted'), [4]],
    ['DRAFT', flag('\\Draft'), [5]],
    ['KEYWORD, case-insensitive', flag('$important'), [3]],
    ['UNKEYWORD', flag('$label1', false), except(7)],
    ['BEFORE', date('internal', 'before', '2026-03-03'), [1]],
    ['ON', date('internal', 'on', '2026-03-05'), [4]],
    ['SINCE', date('internal', 'since', '2026-03-11'), [11, 12]],
    ['SENTON: the Date header in its own zone', date('sent', 'on', '2026-03-02'), [1, 2]],
    ['SENTBEFORE', date('sent', 'before', '2026-03-02'), [9]],
    ['SENTON without a Date header: internal date', date('sent', 'on', '2026-03-05'), [4]],
    ['SENTSINCE', date('sent', 'since', '2026-03-11'), [11, 12]],
    ['LARGER', { kind: 'size', op: 'larger', bytes: 5000 }, [5]],
    ['SMALLER', { kind: 'size', op: 'smaller', bytes: 5000 }, except(5)],
    ['FROM, substring', header('FROM', 'jane@'), [1, 5]],
    ['FROM, case-insensitive', header('from', 'BOB@example.ORG'), [2, 10]],
    ['TO', header('TO', 'jane'), [2]],
    ['CC', header('CC', 'dave'), [3]],
    ['SUBJECT', header('SUBJECT', 'holiday'), [5, 6, 8]],
    ['SUBJECT, RFC 2047 decoded', header('SUBJECT', 'café'), [3]],
    ['HEADER Subject "" (present)', header('Subject', ''), except(7)],
    ['HEADER Message-ID', header('Message-ID', 'm11@'), [11]],
    ['BCC (from the message)', header('BCC', 'secret.agent'), [4]],
    ['HEADER X-Priority', header('X-Priority', 'highest'), [3]],
    ['HEADER X-Priority "" (present)', header('X-Priority', ''), [3]],
    ['BODY, words', { kind: 'body', value: 'budget' }, [1, 8]],
    ['BODY, phrase', { kind: 'body', value: 'spreadsheet is' }, [1]],
    ['BODY in an HTML alternative', { kind: 'body', value: 'gamma' }, [6]],
    ['BODY does not see the subject', { kind: 'body', value: 'quarterly' }, []],
    ['TEXT in the subject', { kind: 'text', value: 'Quarterly' }, [1, 2, 12]],
    ['TEXT in the body', { kind: 'text', value: 'harbour' }, [4]],
    ['NOT BODY', { kind: 'not', key: { kind: 'body', value: 'budget' } }, except(1, 8)],
    ['OR', { kind: 'or', left: { kind: 'body', value: 'gamma' }, right: flag('\\Draft') }, [5, 6]],
    ['AND', { kind: 'and', keys: [header('FROM', 'jane'), flag('\\Seen', false)] }, [5]],
    ['UID set', { kind: 'uid', uids: [2, 4, 99] }, [2, 4]],
    [
      'OR of a recheck and NOT of a recheck',
      { kind: 'or', left: header('X-Priority', '1'), right: { kind: 'not', key: { kind: 'text', value: 'harbour' } } },
      except(4),
    ],
    [
      'NOT (AND of SQL and recheck)',
      { kind: 'not', key: { kind: 'and', keys: [flag('\\Seen'), { kind: 'body', value: 'budget' }] } },
      except(1, 8),
    ],
  ])('%s', async (_name, filter, expected) => {
    expect(await uids(filter)).toEqual(expected);
  });

  it('takes \\Recent, NEW and OLD from the session', async () => {
    expect(await uids(flag('\\Recent'), [11, 12])).toEqual([11, 12]);
    expect(await uids({ kind: 'new' }, [8, 12])).toEqual([12]);
    expect(await uids({ kind: 'old' }, [8, 12])).toEqual(except(8, 12));
    expect(await uids(flag('\\Recent'))).toEqual([]);
  });

  it('answers MODSEQ with the highest MODSEQ of the matches', async () => {
    const result = await search.filter(folderId, { kind: 'modseq', modseq: BigInt(flaggedModseq) });
    expect(result).toEqual({ uids: [3], highestModseq: flaggedModseq });
    const all = await search.filter(folderId, { kind: 'modseq', modseq: 1 });
    expect(all.uids).toEqual(ALL);
    expect(all.highestModseq).toBe(flaggedModseq);
  });

  it('gives the IMAP adapter SEARCH results, and the keys SORT and THREAD need (RFC 5256 §2.2, §2.3)', async () => {
    const imap = new ImapSearchService(search);
    expect(await imap.search(folderId, { kind: 'uid', uids: [2, 3] })).toEqual({
      uids: [2, 3],
      highestModseq: BigInt(flaggedModseq),
    });
    expect(await imap.search(folderId, flag('nothing-has-this'))).toEqual({ uids: [] });
    const sortKeys = await imap.sortKeys(folderId, { kind: 'uid', uids: [2, 3, 4, 10] });
    expect(sortKeys.map((k) => k.uid)).toEqual([2, 3, 4, 10]);
    expect(sortKeys[0]).toMatchObject({
      sentDate: Date.parse('2026-03-03T04:30:00Z'),
      envelope: {
        subject: 'Re: Quarterly figures',
        from: [{ name: 'Bob Builder', mailbox: 'bob', host: 'example.org' }],
      },
    });
    expect(sortKeys[1].envelope).toMatchObject({
      subject: 'Café menu',
      cc: [{ mailbox: 'dave', host: 'example.com' }],
    });
    // No Date: header: the internal date stands in.
    expect(sortKeys[2].sentDate).toBe(Date.parse('2026-03-05T23:59:00Z'));
    expect(sortKeys[3].envelope.from).toEqual([{ name: null, adl: null, mailbox: 'Bob', host: 'example.org' }]);
    const threadKeys = await imap.threadKeys(folderId, { kind: 'uid', uids: [1, 7, 8] });
    expect(threadKeys).toEqual([
      expect.objectContaining({ uid: 1, messageId: '<m1@example.com>', references: [] }),
      expect.objectContaining({ uid: 7, subject: '', references: ['<m1@example.com>', '<m2@example.org>'] }),
      // In-Reply-To stands in for a missing References header.
      expect.objectContaining({ uid: 8, references: ['<m6@example.org>'] }),
    ]);
  });

  it('SORT orders the matches by RFC 5256 keys: base subject, first From mailbox, sent date', async () => {
    const imap = new ImapSearchService(search);
    const all: MessageFilter = { kind: 'all' };
    expect(await imap.sort(folderId, [{ key: 'SUBJECT', reverse: false }], all)).toEqual([
      7, 9, 10, 11, 3, 5, 6, 8, 4, 1, 2, 12,
    ]);
    const four: MessageFilter = { kind: 'uid', uids: [1, 2, 3, 9] };
    expect(await imap.sort(folderId, [{ key: 'FROM', reverse: false }], four)).toEqual([9, 2, 3, 1]);
    expect(await imap.sort(folderId, [{ key: 'DATE', reverse: true }], four)).toEqual([3, 2, 1, 9]);
    expect(await imap.sort(folderId, [{ key: 'ARRIVAL', reverse: false }], flag('\\Seen'))).toEqual([1, 7, 8]);
  });

  it('THREAD groups the matches (ORDEREDSUBJECT, REFERENCES)', async () => {
    const imap = new ImapSearchService(search);
    const all: MessageFilter = { kind: 'all' };
    const shape = (nodes: readonly ThreadNode[]): unknown =>
      nodes.map((n) => (n.children.length ? { [String(n.uid)]: shape(n.children) } : n.uid));
    expect(shape(await imap.thread(folderId, 'ORDEREDSUBJECT', all))).toEqual([
      { '9': [10, 11] },
      { '1': [2, 12] },
      3,
      4,
      { '5': [6, 8] },
      7,
    ]);
    const pairs = (nodes: readonly ThreadNode[]): string[] =>
      nodes.flatMap((n) => [...n.children.map((c) => `${n.uid}>${c.uid}`), ...pairs(n.children)]);
    const references = pairs(await imap.thread(folderId, 'REFERENCES', all));
    // References and In-Reply-To link replies to their parents; step 5 joins roots by base subject.
    expect(references).toEqual(expect.arrayContaining(['1>2', '2>7', '6>8', '9>10', '1>12', '9>11', '6>5']));
  });

  it('leaves expunged messages out', async () => {
    await messages.expunge(folderId, [4]);
    expect(await uids(flag('\\Deleted'))).toEqual([]);
    expect(await uids({ kind: 'text', value: 'harbour' })).toEqual([]);
  });
});
