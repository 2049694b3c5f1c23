import { PGlite, types } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PREPARED_STATEMENTS, onPreparedNotification, preparedCount, preparedQuery } from './pglite-prepared';

describe('PGlite prepared statements', () => {
  let db: PGlite;

  beforeAll(async () => {
    db = await PGlite.create({ serializers: { [types.BOOL]: (v: unknown) => (v === true ? 'TRUE' : 'FALSE') } });
    await db.exec(`CREATE TABLE item (
      id serial PRIMARY KEY, name text UNIQUE, flags text[] NOT NULL DEFAULT '{}', big bigint, ok boolean,
      at timestamptz, doc jsonb, raw bytea)`);
  });
  afterAll(async () => db.close());

  it('answers as PGlite query() does, for every type the store uses', async () => {
    const values = [
      'a',
      ['\\Seen', 'x y', 'q"uote'],
      9007199254740993n,
      false,
      new Date('2026-11-29T05:00:00Z'),
      { k: [1] },
    ];
    const sql = `INSERT INTO item (name, flags, big, ok, at, doc) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`;
    const ours = await preparedQuery(db, sql, values);
    const theirs = await db.query(sql, ['b', ...values.slice(1)]);
    expect(ours.rows).toHaveLength(1);
    const { id: _a, name: nameA, ...restA } = ours.rows[0] as Record<string, unknown>;
    const { id: _b, name: nameB, ...restB } = theirs.rows[0] as Record<string, unknown>;
    expect([nameA, nameB]).toEqual(['a', 'b']);
    expect(restA).toEqual(restB);
    expect(restA['ok']).toBe(false);
    expect(ours.fields.map((f) => f.name)).toEqual(theirs.fields.map((f) => f.name));
  });

  it('reports affected rows and reuses one statement for one text', async () => {
    const before = preparedCount(db);
    for (let i = 0; i < 3; i++) await preparedQuery(db, `UPDATE item SET big = big + $1 WHERE name = $2`, [1, 'a']);
    const result = await preparedQuery(db, `UPDATE item SET big = big + $1 WHERE name = $2`, [1, 'a']);
    expect(result.affectedRows).toBe(1);
    expect(preparedCount(db)).toBe(before + 1);
    const [row] = (await preparedQuery(db, `SELECT big FROM item WHERE name = $1`, ['a'])).rows as Array<{
      big: bigint;
    }>;
    expect(row.big).toBe(9007199254740997n);
  });

  it('throws the database error with its SQLSTATE and keeps the session usable', async () => {
    await expect(preparedQuery(db, `INSERT INTO item (name) VALUES ($1)`, ['a'])).rejects.toMatchObject({
      code: '23505',
    });
    await expect(preparedQuery(db, `SELECT nonsense FROM item WHERE id = $1`, [1])).rejects.toMatchObject({
      code: '42703',
    });
    expect((await preparedQuery(db, `SELECT count(*)::int AS n FROM item WHERE name = $1`, ['a'])).rows).toEqual([
      { n: 1 },
    ]);
  });

  it('rolls back with the transaction around it', async () => {
    await db.exec('BEGIN');
    await preparedQuery(db, `INSERT INTO item (name) VALUES ($1)`, ['rolled']);
    await expect(preparedQuery(db, `INSERT INTO item (name) VALUES ($1)`, ['rolled'])).rejects.toMatchObject({
      code: '23505',
    });
    await expect(preparedQuery(db, `SELECT 1 FROM item WHERE name = $1`, ['rolled'])).rejects.toMatchObject({
      code: '25P02',
    });
    await db.exec('ROLLBACK');
    expect((await preparedQuery(db, `SELECT 1 FROM item WHERE name = $1`, ['rolled'])).rows).toEqual([]);
  });

  it('runs transaction control prepared, ROLLBACK and COMMIT prepared inside an aborted transaction too', async () => {
    // Statements evicted from the cache are closed ahead of the next one prepared: here that is ROLLBACK,
    // prepared for the first time while the transaction is aborted.
    for (let i = 0; i < MAX_PREPARED_STATEMENTS + 3; i++) await preparedQuery(db, `SELECT $1::int - ${i} AS n`, [1]);
    await preparedQuery(db, 'START TRANSACTION', []);
    await preparedQuery(db, `INSERT INTO item (name) VALUES ($1)`, ['in-aborted']);
    await expect(preparedQuery(db, `INSERT INTO item (name) VALUES ($1)`, ['in-aborted'])).rejects.toMatchObject({
      code: '23505',
    });
    expect((await preparedQuery(db, 'ROLLBACK', [])).rows).toEqual([]);
    expect((await preparedQuery(db, `SELECT 1 FROM item WHERE name = $1`, ['in-aborted'])).rows).toEqual([]);

    await preparedQuery(db, 'START TRANSACTION', []);
    await preparedQuery(db, `INSERT INTO item (name) VALUES ($1)`, ['committed']);
    await preparedQuery(db, 'COMMIT', []);
    await preparedQuery(db, 'START TRANSACTION', []);
    await preparedQuery(db, `INSERT INTO item (name) VALUES ($1)`, ['lost']);
    await expect(preparedQuery(db, `SELECT nonsense FROM item WHERE id = $1`, [1])).rejects.toMatchObject({
      code: '42703',
    });
    // COMMIT of an aborted transaction rolls it back, as in the simple protocol.
    await preparedQuery(db, 'COMMIT', []);
    const names = await preparedQuery(db, `SELECT name FROM item WHERE name = ANY($1::text[]) ORDER BY name`, [
      ['committed', 'lost'],
    ]);
    expect(names.rows).toEqual([{ name: 'committed' }]);
  });

  it('prepares again when a table changed shape under a kept statement', async () => {
    const sql = `SELECT * FROM item WHERE name = $1`;
    await preparedQuery(db, sql, ['a']);
    await db.exec(`ALTER TABLE item ADD COLUMN note text DEFAULT 'n'`);
    const [row] = (await preparedQuery(db, sql, ['a'])).rows as Array<{ note: string }>;
    expect(row.note).toBe('n');
  });

  it('keeps at most MAX_PREPARED_STATEMENTS and closes the least recently used', async () => {
    for (let i = 0; i < MAX_PREPARED_STATEMENTS + 20; i++) await preparedQuery(db, `SELECT $1::int + ${i} AS n`, [1]);
    expect(preparedCount(db)).toBe(MAX_PREPARED_STATEMENTS);
    const kept = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements`);
    // The evicted ones are closed with the next statement prepared: at most those still to close are left over.
    expect(kept.rows[0].n).toBeLessThanOrEqual(MAX_PREPARED_STATEMENTS + 1);
    expect((await preparedQuery(db, `SELECT $1::int + 1 AS n`, [41])).rows).toEqual([{ n: 42 }]);
  });

  it('hands the notifications in its answers to the prepared-statement listeners', async () => {
    const heard: string[] = [];
    await db.exec(`LISTEN prepared_channel`);
    const off = onPreparedNotification(db, (channel, payload) => heard.push(`${channel}:${payload}`));
    await preparedQuery(db, `SELECT pg_notify($1, $2)`, ['prepared_channel', 'hello']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    off();
    await preparedQuery(db, `SELECT pg_notify($1, $2)`, ['prepared_channel', 'unheard']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await db.exec(`UNLISTEN prepared_channel`);
    expect(heard).toEqual(['prepared_channel:hello']);
  });

  it('sends NULL, empty and multi-byte parameters as they are', async () => {
    const result = await preparedQuery(db, `SELECT $1::text AS a, $2::text AS b, $3::text AS c, $4::int AS d`, [
      'é€𝄞',
      null,
      '',
      7,
    ]);
    expect(result.rows).toEqual([{ a: 'é€𝄞', b: null, c: '', d: 7 }]);
  });

  it('reads NULLs, many rows, multi-byte text and the command tag from the raw answer', async () => {
    const sql = `SELECT g AS n, CASE WHEN g % 2 = 0 THEN NULL ELSE repeat('é', g) END AS s
                   FROM generate_series(1, $1::int) g`;
    const ours = await preparedQuery(db, sql, [300]);
    const theirs = await db.query(sql, [300]);
    expect(ours.rows).toEqual(theirs.rows);
    expect(ours.rows).toHaveLength(300);
    expect(ours.fields).toEqual(theirs.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })));
    const deleted = await preparedQuery(db, `DELETE FROM item WHERE name = $1`, ['nobody']);
    expect(deleted.affectedRows).toBe(0);
  });
});
