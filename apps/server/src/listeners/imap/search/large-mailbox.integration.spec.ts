import { DataSource, type QueryRunner } from 'typeorm';
import type { FetchRequest, ImapUser, MailboxSnapshot, SearchKey } from '@estafette/protocols-imap';
import { MessageSearchService } from '@estafette/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../../../testing/test-server';
import { deliver, sampleMessage } from '../../pop3/testing/pop3-fixtures';
import { createUser, PASSWORD } from '../../smtp/testing/smtp-fixtures';
import { ImapBackendAdapter } from '../imap-backend.adapter';
import { ImapMessageRepository } from '../imap-message.repository';
import { fillFolder } from './testing/bulk-messages';

const TOTAL = 50_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/**
 * A 50,000-message folder: the SELECT snapshot, a header FETCH of every message and SEARCH go through
 * indexes (no sequential scan of the message table when the planner is told to avoid one: an index that
 * serves the query exists), and FETCH reads the rows in bounded batches while it streams.
 */
describe('large mailbox (50,000 messages)', () => {
  let server: TestServer;
  let db: DataSource;
  let backend: ImapBackendAdapter;
  let user: ImapUser;
  let snapshot: MailboxSnapshot;
  let captured: Array<{ sql: string; params: unknown[] }> = [];

  beforeAll(async () => {
    server = await startTestServer();
    db = server.app.get(DataSource);
    const admin = await server.login();
    const recipient = await createUser(admin, 'bigbox');
    await deliver(server, recipient.id, sampleMessage('the first of many'));
    const [inbox] = await db.query<Array<{ folder_id: string }>>(
      `SELECT m.folder_id FROM message m JOIN folder f ON f.id = m.folder_id JOIN mailbox x ON x.id = f.mailbox_id
        WHERE x.recipient_id = $1`,
      [recipient.id],
    );
    await fillFolder(db, inbox.folder_id, TOTAL);
    backend = server.app.get(ImapBackendAdapter);
    const auth = await backend.authenticate(
      { username: 'bigbox', password: PASSWORD, mechanism: 'LOGIN' },
      { remoteAddress: '127.0.0.1', secure: true },
    );
    if (auth.kind !== 'ok') throw new Error(`login failed: ${auth.kind}`);
    user = auth.user;
    // Every statement the store runs from here on, with its parameters, to EXPLAIN afterwards.
    const runner: QueryRunner = db.createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as { query: QueryRunner['query'] };
    await runner.release();
    const original = proto.query;
    vi.spyOn(proto, 'query').mockImplementation(function (
      this: QueryRunner,
      ...args: Parameters<QueryRunner['query']>
    ) {
      captured.push({ sql: args[0], params: Array.isArray(args[1]) ? (args[1] as unknown[]) : [] });
      return original.apply(this, args) as never;
    });
  }, 600_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.close();
  });

  /** The plan of a statement, with seq scans disabled. */
  async function explain(sql: string, params: unknown[]): Promise<PlanNode[]> {
    const plan = await db.transaction(async (manager) => {
      await manager.query(`SET LOCAL enable_seqscan = off`);
      const [row] = await manager.query<Array<{ 'QUERY PLAN': unknown }>>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const json = row['QUERY PLAN'];
      return (typeof json === 'string' ? JSON.parse(json) : json) as Array<{ Plan: PlanNode }>;
    });
    return planNodes(plan[0].Plan);
  }

  /** The statements on the message table among `statements`, each explained with seq scans disabled. */
  async function seqScansOnMessage(statements: Array<{ sql: string; params: unknown[] }>): Promise<string[]> {
    const reads = statements.filter((s) => /^\s*(WITH|SELECT)\b/i.test(s.sql) && /\bFROM message\b/.test(s.sql));
    expect(reads.length).toBeGreaterThan(0);
    const offenders: string[] = [];
    for (const { sql, params } of reads) {
      const nodes = await explain(sql, params);
      if (nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'message'))
        offenders.push(sql.replace(/\s+/g, ' ').slice(0, 160));
    }
    return offenders;
  }

  it('SELECT: the snapshot lists every UID in order, from an index', async () => {
    captured = [];
    snapshot = await backend.openMailbox(user, 'INBOX', { readOnly: true });
    expect(snapshot.messages).toHaveLength(TOTAL);
    expect(snapshot.messages[0].uid).toBe(1);
    expect(snapshot.messages[TOTAL - 1].uid).toBe(TOTAL);
    expect(snapshot.messages.every((m, i) => i === 0 || m.uid > snapshot.messages[i - 1].uid)).toBe(true);
    expect(await seqScansOnMessage(captured)).toEqual([]);
  }, 120_000);

  it('STATUS UNSEEN and DELETED count from the partial indexes of unseen and \\Deleted messages', async () => {
    captured = [];
    const state = await server.app.get(ImapMessageRepository).folderState(snapshot.handle.id, true);
    // Every third bulk message is \Seen; the first one, delivered, is not.
    expect(state?.unseen).toBe(TOTAL - Math.floor(TOTAL / 3));
    expect(state?.deleted).toBe(0);
    const [statement] = captured;
    const indexes = (await explain(statement.sql, statement.params)).map((n) => n['Index Name']);
    expect(indexes).toEqual(expect.arrayContaining(['message_unseen', 'message_flagged_deleted']));
  }, 120_000);

  it('FETCH header fields of all messages streams in bounded batches, from an index', async () => {
    captured = [];
    const request: FetchRequest = {
      flags: true,
      internalDate: false,
      size: true,
      envelope: false,
      bodyStructure: false,
      modseq: false,
      markSeen: false,
      sections: [{ part: [], specifier: 'HEADER.FIELDS', fields: ['From', 'Subject'] }],
    };
    const uids = snapshot.messages.map((m) => m.uid);
    let count = 0;
    const batchReads = (): Array<{ sql: string; params: unknown[] }> =>
      captured.filter((s) => /\bFROM message\b/.test(s.sql) && s.params.some((p) => Array.isArray(p)));
    let readsAtFirstRecord = -1;
    for await (const record of backend.fetch(user, snapshot.handle, uids, request)) {
      if (count === 0) readsAtFirstRecord = batchReads().length;
      count++;
      expect(record.sections?.[0].length).toBeGreaterThan(0);
    }
    expect(count).toBe(TOTAL);
    // Streaming: the first record came out before most of the rows were read.
    expect(readsAtFirstRecord).toBe(1);
    const batches = batchReads();
    expect(batches.length).toBeGreaterThanOrEqual(TOTAL / 1000);
    for (const b of batches) for (const p of b.params) if (Array.isArray(p)) expect(p.length).toBeLessThanOrEqual(1000);
    expect(await seqScansOnMessage(batches.slice(0, 3))).toEqual([]);
  }, 600_000);

  it('SEARCH over the folder answers from indexes', async () => {
    const search = server.app.get(MessageSearchService);
    const since: SearchKey = { kind: 'date', field: 'internal', op: 'since', date: '2026-02-04' };
    const cases: Array<[SearchKey, (uids: number[]) => void]> = [
      [
        { kind: 'and', keys: [{ kind: 'header', field: 'FROM', value: 'sender7@' }, since] },
        (uids) => expect(uids.every((u) => u % 100 === 7 && u > 48_000)).toBe(true),
      ],
      [{ kind: 'body', value: 'nowhere-to-be-found' }, (uids) => expect(uids).toEqual([])],
      [{ kind: 'header', field: 'SUBJECT', value: 'message 49999' }, (uids) => expect(uids).toEqual([49_999])],
      [{ kind: 'flag', flag: '\\Seen', set: false }, (uids) => expect(uids.length).toBe(TOTAL - Math.floor(TOTAL / 3))],
      [{ kind: 'flag', flag: '\\Deleted', set: true }, (uids) => expect(uids).toEqual([])],
      [{ kind: 'uid', uids: [5, 50_000, 60_000] }, (uids) => expect(uids).toEqual([5, 50_000])],
    ];
    for (const [key, check] of cases) {
      captured = [];
      check((await search.filter(snapshot.handle.id, key)).uids);
      expect(await seqScansOnMessage(captured)).toEqual([]);
    }
  }, 300_000);
});
