import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { QueueRepository } from '@estafette/transport';
import { openTestDataSource } from '../../testing/test-database';

const OWNER = 'conclusion-server';
const BLOB_SHARED = 'a'.repeat(64);
const BLOB_ALONE = 'b'.repeat(64);
const BLOB_KEPT = 'c'.repeat(64);

/** A routed message with copies in the given states, held by `lockedBy`; answers the copies' ids. */
async function routed(
  db: DataSource,
  id: string,
  blob: string,
  copies: Array<{ state: string; lockedBy?: string | null; reportPending?: boolean }>,
): Promise<string[]> {
  const now = new Date();
  await db.query(
    `INSERT INTO queued_message (id, blob_sha256, size, entry_point, received_at, received_by, state, next_attempt_at)
     VALUES ($1, $2, 10, 'smtp', $3, $4, 'routed', $3)`,
    [id, blob, now, OWNER],
  );
  const ids: string[] = [];
  for (const [i, copy] of copies.entries()) {
    const [row] = await db.query<Array<{ id: string }>>(
      `INSERT INTO queue_item (message_id, recipient, envelope_recipient, state, next_attempt_at, expires_at,
                               delay_notify_at, report_pending, locked_by)
       VALUES ($1, $2, $2, $3, $4, $4, $4, $5, $6) RETURNING id::text AS id`,
      [id, `r${i}@example.org`, copy.state, now, copy.reportPending ?? false, copy.lockedBy ?? OWNER],
    );
    ids.push(row.id);
  }
  return ids;
}

const delivered = (itemId: string, reportPending = false) => ({
  itemId,
  state: 'delivered' as const,
  status: '2.0.0',
  diagnostic: 'delivered',
  reportPending,
  finishedAt: new Date(),
});

describe('queue: delivery outcomes concluded in one statement', () => {
  let db: DataSource;
  let close: () => Promise<void>;
  const queue = new QueueRepository();

  beforeAll(async () => {
    ({ dataSource: db, close } = await openTestDataSource());
  });
  afterAll(async () => close());

  it('writes the outcomes, keeps what is still to do or report, and frees blobs nothing else uses', async () => {
    const a = await routed(db, 'CONCA', BLOB_SHARED, [{ state: 'ready' }, { state: 'ready' }]);
    const b = await routed(db, 'CONCB', BLOB_SHARED, [{ state: 'ready' }, { state: 'ready' }]);
    const c = await routed(db, 'CONCC', BLOB_ALONE, [{ state: 'ready' }, { state: 'delivered' }]);
    const d = await routed(db, 'CONCD', BLOB_KEPT, [{ state: 'ready' }]);
    const e = await routed(db, 'CONCE', BLOB_KEPT, [{ state: 'ready', lockedBy: 'another-server' }]);
    const { changed, gone } = await queue.concludeDeliveries(db.manager, OWNER, {
      messageIds: ['CONCA', 'CONCB', 'CONCC', 'CONCD', 'CONCE'],
      outcomes: [
        delivered(a[0]),
        delivered(a[1]),
        // B: one copy delivered, the other to be tried again: B stays.
        delivered(b[0]),
        {
          itemId: b[1],
          state: 'retry',
          status: '4.4.1',
          diagnostic: 'no answer',
          reportPending: false,
          nextAttemptAt: new Date(),
          attempts: 1,
        },
        delivered(c[0]),
        // D: delivered with a success notice owed: it stays for its report.
        delivered(d[0], true),
        // E: held by another server: not written.
        delivered(e[0]),
      ],
    });
    expect(changed).toEqual([a[0], a[1], b[0], b[1], c[0], d[0]]);
    // A leaves the queue, its blob still used by B; C leaves with its blob.
    expect([...gone]).toEqual([
      ['CONCA', null],
      ['CONCC', BLOB_ALONE],
    ]);
    const left = await db.query<Array<{ message_id: string; state: string; locked_by: string | null }>>(
      `SELECT message_id, state, locked_by FROM queue_item WHERE message_id LIKE 'CONC%' ORDER BY id`,
    );
    expect(left).toEqual([
      { message_id: 'CONCB', state: 'delivered', locked_by: null },
      { message_id: 'CONCB', state: 'retry', locked_by: null },
      { message_id: 'CONCD', state: 'delivered', locked_by: null },
      { message_id: 'CONCE', state: 'ready', locked_by: 'another-server' },
    ]);
  });

  it('adds the parts it is given, keyed by the copies it changed', async () => {
    const [item] = await routed(db, 'CONCF', 'd'.repeat(64), [{ state: 'ready' }]);
    const [other] = await routed(db, 'CONCG', 'e'.repeat(64), [{ state: 'ready', lockedBy: 'another-server' }]);
    await queue.concludeDeliveries(
      db.manager,
      OWNER,
      { messageIds: ['CONCF', 'CONCG'], outcomes: [delivered(item), delivered(other)] },
      (p) => ({
        parts: [
          `INSERT INTO administrative_group (name)
             SELECT 'conclusion-' || k FROM unnest(${p.add([item, other], 'text[]')}) AS e(k)
              WHERE e.k IN (SELECT id FROM changed)`,
        ],
      }),
    );
    const rows = await db.query<Array<{ name: string }>>(
      `SELECT name FROM administrative_group WHERE name LIKE 'conclusion-%'`,
    );
    expect(rows).toEqual([{ name: `conclusion-${item}` }]);
  });

  it('sweeps for reports through the copies, and for finished messages only when asked', async () => {
    await routed(db, 'REPA', 'f'.repeat(64), [{ state: 'delivered', reportPending: true }, { state: 'ready' }]);
    // A copy in retry whose delay notification fell due (delay_notify_at is its creation time).
    await routed(db, 'REPB', 'f'.repeat(64), [{ state: 'retry' }]);
    await routed(db, 'REPC', 'f'.repeat(64), [{ state: 'delivered' }, { state: 'failed' }]);
    await routed(db, 'REPD', 'f'.repeat(64), [{ state: 'ready' }, { state: 'delivered' }]);
    await routed(db, 'REPE', 'f'.repeat(64), []);
    await db.query(`UPDATE queue_item SET delay_notified = true WHERE message_id LIKE 'CONC%'`);
    const now = new Date(Date.now() + 1000);
    const until = new Date(now.getTime() + 60_000);
    const ours = (ids: string[]) => ids.filter((id) => id.startsWith('REP')).sort();
    // The frequent sweep: what has something to report, not what is finished with nothing to say.
    expect(ours(await queue.claimForReport(db.manager, OWNER, now, until, 100, false))).toEqual(['REPA', 'REPB']);
    // The rare one adds the finished messages (the two claimed above are leased now).
    expect(ours(await queue.claimForReport(db.manager, OWNER, now, until, 100, true))).toEqual(['REPC', 'REPE']);
    expect(ours(await queue.claimForReport(db.manager, OWNER, now, until, 100, true))).toEqual([]);
    const plan = await db.query<Array<{ 'QUERY PLAN': string }>>(
      `EXPLAIN SELECT q.message_id FROM queue_item q
        WHERE q.state = 'retry' AND NOT q.delay_notified AND q.delay_notify_at <= now()`,
    );
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('queue_item_delay_due');
  });
});
