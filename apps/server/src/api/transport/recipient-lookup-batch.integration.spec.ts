import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RecipientResolver } from '@estafette/directory';
import { addressKey } from '@estafette/mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, firstMailboxStoreId, ManualClock, statementsDuring } from '../store/testing/store-fixtures';
import { startStoreTestApp, type StoreTestApp } from '../store/testing/store-test-app';

/**
 * Address look-ups outside a transaction that arrive together (RCPT commands of many sessions, the
 * categorizer's recipients) are one statement (RecipientResolver's ReadCoalescer over
 * MailRoutingRepository.findRecipientsByAddresses): each answers what a look-up alone answers.
 */
describe('batched address look-ups', () => {
  let testApp: StoreTestApp;
  let db: DataSource;
  let resolver: RecipientResolver;
  const ids = new Map<string, string>();

  async function address(recipientId: string | null, text: string, folderId: string | null = null): Promise<void> {
    await db.query(
      `INSERT INTO recipient_address (recipient_id, public_folder_id, address, address_key) VALUES ($1, $2, $3, $4)`,
      [recipientId, folderId, text, addressKey(text)],
    );
  }

  beforeAll(async () => {
    testApp = await startStoreTestApp(new ManualClock());
    db = testApp.app.get(DataSource);
    resolver = testApp.app.get(RecipientResolver);
    const storeId = await firstMailboxStoreId(db);
    for (const alias of ['batch-ann', 'batch-ben', 'batch-cat']) {
      const id = await createUser(db, alias, storeId);
      ids.set(alias, id);
      await address(id, `${alias}@test.example`);
    }
    await address(ids.get('batch-ann') ?? null, 'Ann.Secondary@Test.Example');
    const [folder] = await db.query<Array<{ id: string }>>(
      `INSERT INTO public_folder (name, mail_enabled, alias) VALUES ($1, true, 'batch-news') RETURNING id`,
      [`batch-news-${randomUUID()}`],
    );
    await address(null, 'batch-news@test.example', folder.id);
  });

  afterAll(async () => testApp?.close());

  it('answers concurrent look-ups as single ones, the recipients in one statement', async () => {
    const asked = [
      'batch-ann@test.example',
      'BATCH-BEN@TEST.EXAMPLE',
      'nobody-here@test.example',
      'ann.secondary@test.example',
      'batch-news@test.example',
      'batch-cat@test.example',
      'batch-ann@test.example',
    ];
    const alone = [];
    for (const a of asked) alone.push(await resolver.resolve(a));
    const { result: together, sql } = await statementsDuring(db, () =>
      Promise.all(asked.map((a) => resolver.resolve(a))),
    );
    expect(together).toEqual(alone);
    expect(together.map((o) => (o?.kind === 'recipient' ? o.recipient.id : (o?.kind ?? null)))).toEqual([
      ids.get('batch-ann'),
      ids.get('batch-ben'),
      null,
      ids.get('batch-ann'),
      'public-folder',
      ids.get('batch-cat'),
      ids.get('batch-ann'),
    ]);
    expect(together[3]).toMatchObject({ address: 'Ann.Secondary@Test.Example' });
    // One statement for the seven recipient look-ups; the public folder and the unknown address take the
    // second statement each, as alone.
    expect(sql.filter((s) => s.includes('unnest($1::text[]) WITH ORDINALITY'))).toHaveLength(1);
    expect(sql.filter((s) => s.includes('a.address_key = $1'))).toHaveLength(0);
    // Each caller gets its own entity.
    const [first, , , , , , again] = together;
    expect(first).not.toBe(again);
  });

  it('sees a change in the directory made before the look-up was asked', async () => {
    const storeId = await firstMailboxStoreId(db);
    const id = await createUser(db, 'batch-dan', storeId);
    const before = resolver.resolve('batch-dan@test.example');
    expect(await before).toBeNull();
    await address(id, 'batch-dan@test.example');
    const after = await Promise.all([
      resolver.resolve('batch-dan@test.example'),
      resolver.resolve('batch-ann@test.example'),
    ]);
    expect(after.map((o) => (o?.kind === 'recipient' ? o.recipient.id : null))).toEqual([id, ids.get('batch-ann')]);
  });

  it('keeps to one index look-up per key in its generic plan, with thousands of addresses', async () => {
    await db.query(
      `WITH made AS (
         INSERT INTO recipient (kind, container_id, alias, display_name, primary_smtp_address)
         SELECT 'user', c.id, 'many' || g, 'many' || g, 'many' || g || '@test.example'
           FROM generate_series(1, 3000) g, (SELECT id FROM recipient_container WHERE parent_id IS NULL
                                              AND lower(name) = 'users') c
         RETURNING id, alias)
       INSERT INTO recipient_address (recipient_id, address, address_key)
       SELECT id, alias || '@test.example', alias || '@test.example' FROM made`,
    );
    await db.query('ANALYZE recipient, recipient_address');
    const { sql } = await statementsDuring(db, () =>
      Promise.all([resolver.resolve('many7@test.example'), resolver.resolve('many8@test.example')]),
    );
    const batched = sql.find((s) => s.includes('WITH ORDINALITY'));
    expect(batched).toBeDefined();
    const runner = db.createQueryRunner();
    try {
      await runner.query(`PREPARE batched_lookup(text[]) AS ${batched}`);
      await runner.query('SET plan_cache_mode = force_generic_plan');
      const explained = (await runner.query(
        `EXPLAIN EXECUTE batched_lookup('{many1@test.example,many2@test.example}')`,
      )) as Array<{ 'QUERY PLAN': string }>;
      const plan = explained.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).not.toMatch(/Seq Scan on recipient/);
      expect(plan).toContain('recipient_address_key');
      expect(plan).toContain('recipient_pkey');
    } finally {
      await runner.query('DEALLOCATE ALL').catch(() => undefined);
      await runner.query('RESET plan_cache_mode').catch(() => undefined);
      await runner.release();
    }
  });
});
