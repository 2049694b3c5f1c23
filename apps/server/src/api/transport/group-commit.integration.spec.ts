import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DataSource, EntityManager } from 'typeorm';
import { GroupCommit, GROUP_COMMIT_MAX_UNITS } from '@estafette/store';
import { openTestDataSource } from '../../testing/test-database';

/** Inserts a row and answers the id of the transaction it ran in. */
function insert(name: string) {
  return async (manager: EntityManager): Promise<string> => {
    await manager.query(`INSERT INTO administrative_group (name) VALUES ($1)`, [name]);
    const rows = await manager.query<Array<{ txid: string }>>(`SELECT txid_current()::text AS txid`);
    return rows[0].txid;
  };
}

async function names(db: DataSource, prefix: string): Promise<string[]> {
  const rows = await db.query<Array<{ name: string }>>(
    `SELECT name FROM administrative_group WHERE name LIKE $1 ORDER BY name`,
    [`${prefix}%`],
  );
  return rows.map((r) => r.name);
}

describe('group commit', () => {
  let db: DataSource;
  let close: () => Promise<void>;
  let commits: GroupCommit;

  beforeAll(async () => {
    ({ dataSource: db, close } = await openTestDataSource());
    commits = new GroupCommit(db);
  });
  afterAll(async () => close());

  it('runs concurrent units in one transaction and resolves each after the commit', async () => {
    const units = Array.from({ length: 20 }, (_, i) => commits.run(insert(`gc-a-${String(i).padStart(2, '0')}`)));
    const txids = await Promise.all(units);
    expect(new Set(txids).size).toBe(1);
    // Resolved means committed: another session sees every row.
    expect(await names(db, 'gc-a-')).toHaveLength(20);
  });

  it('bounds a transaction to GROUP_COMMIT_MAX_UNITS units and still runs them all', async () => {
    const count = GROUP_COMMIT_MAX_UNITS + 10;
    const txids = await Promise.all(
      Array.from({ length: count }, (_, i) => commits.run(insert(`gc-b-${String(i).padStart(3, '0')}`))),
    );
    expect(new Set(txids).size).toBe(2);
    expect(await names(db, 'gc-b-')).toHaveLength(count);
  });

  it('fails only the unit that failed: the others of its group commit without it', async () => {
    const results = await Promise.allSettled(
      ['gc-c-1', 'gc-c-2', 'gc-c-bad', 'gc-c-3'].map((name) =>
        commits.run(async (manager) => {
          const txid = await insert(name)(manager);
          if (name.endsWith('bad')) throw new Error('this unit fails');
          return txid;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    expect(await names(db, 'gc-c-')).toEqual(['gc-c-1', 'gc-c-2', 'gc-c-3']);
  });

  it('runs a lone unit at once, in a transaction of its own', async () => {
    const txid = await commits.run(insert('gc-d-1'));
    const again = await commits.run(insert('gc-d-2'));
    expect(txid).not.toBe(again);
    expect(await names(db, 'gc-d-')).toEqual(['gc-d-1', 'gc-d-2']);
  });
  it('hands the requests of merged work to one call per group, and one by one when the group fails', async () => {
    const calls: string[][] = [];
    const merge = async (manager: EntityManager, requests: readonly string[]): Promise<void> => {
      calls.push([...requests]);
      if (requests.includes('gc-e-bad')) throw new Error('a bad request');
      for (const name of requests) await manager.query(`INSERT INTO administrative_group (name) VALUES ($1)`, [name]);
    };
    await Promise.all(['gc-e-1', 'gc-e-2', 'gc-e-3'].map((name) => commits.runMerged(merge, name)));
    expect(calls).toEqual([['gc-e-1', 'gc-e-2', 'gc-e-3']]);
    expect(await names(db, 'gc-e-')).toEqual(['gc-e-1', 'gc-e-2', 'gc-e-3']);

    calls.length = 0;
    const results = await Promise.allSettled(['gc-f-1', 'gc-e-bad', 'gc-f-2'].map((n) => commits.runMerged(merge, n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(calls).toEqual([['gc-f-1', 'gc-e-bad', 'gc-f-2'], ['gc-f-1'], ['gc-e-bad'], ['gc-f-2']]);
    expect(await names(db, 'gc-f-')).toEqual(['gc-f-1', 'gc-f-2']);
  });

  it('gives each request of merged work its own result, between plain units of the same group', async () => {
    const calls: string[][] = [];
    const merge = async (manager: EntityManager, requests: readonly string[]): Promise<string[]> => {
      calls.push([...requests]);
      const rows = await manager.query<Array<{ id: string }>>(
        `INSERT INTO administrative_group (name) SELECT unnest($1::text[]) RETURNING name AS id`,
        [requests],
      );
      return rows.map((r) => `${r.id}:${calls.length}`);
    };
    const results = await Promise.all([
      commits.runMerged(merge, 'gc-g-1'),
      commits.run(async (manager) => (await manager.query(`SELECT 'plain' AS v`))[0].v as string),
      commits.runMerged(merge, 'gc-g-2'),
      commits.runMerged(merge, 'gc-g-3'),
    ]);
    expect(calls).toEqual([['gc-g-1', 'gc-g-2', 'gc-g-3']]);
    expect(results).toEqual(['gc-g-1:1', 'plain', 'gc-g-2:1', 'gc-g-3:1']);
    expect(await commits.runMerged(merge, 'gc-g-4')).toBe('gc-g-4:2');
  });

  it('runs statement work once per group without a transaction, beside the transaction of plain units', async () => {
    const calls: string[][] = [];
    // One statement for all requests: atomic without a transaction; 'gc-h-bad' breaks it (a constraint).
    const statement = async (manager: EntityManager, requests: readonly string[]): Promise<string[]> => {
      calls.push([...requests]);
      const rows = await manager.query<Array<{ name: string }>>(
        `INSERT INTO administrative_group (name)
         SELECT CASE WHEN n = 'gc-h-bad' THEN NULL ELSE n END FROM unnest($1::text[]) AS n RETURNING name`,
        [requests],
      );
      return rows.map((r) => `${r.name}!`);
    };
    const transactions = vi.spyOn(db, 'transaction');
    try {
      const results = await Promise.allSettled([
        commits.runStatement(statement, 'gc-h-1'),
        commits.run(insert('gc-i-1')),
        commits.run(insert('gc-i-2')),
        commits.runStatement(statement, 'gc-h-bad'),
        commits.runStatement(statement, 'gc-h-2'),
      ]);
      expect(results.map((r) => (r.status === 'fulfilled' ? typeof r.value : 'rejected'))).toEqual([
        'string',
        'string',
        'string',
        'rejected',
        'string',
      ]);
      expect((results[0] as PromiseFulfilledResult<string>).value).toBe('gc-h-1!');
      expect((results[4] as PromiseFulfilledResult<string>).value).toBe('gc-h-2!');
      // The plain units shared one transaction; the statement work ran in none.
      expect(transactions).toHaveBeenCalledTimes(1);
    } finally {
      transactions.mockRestore();
    }
    expect(calls).toEqual([['gc-h-1', 'gc-h-bad', 'gc-h-2'], ['gc-h-1'], ['gc-h-bad'], ['gc-h-2']]);
    expect(await names(db, 'gc-h-')).toEqual(['gc-h-1', 'gc-h-2']);
    expect(await names(db, 'gc-i-')).toEqual(['gc-i-1', 'gc-i-2']);
  });
});
