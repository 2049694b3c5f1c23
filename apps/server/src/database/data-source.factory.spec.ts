import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../testing/test-database';

describe('data source', () => {
  let db: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource: db, close } = await openTestDataSource());
  });
  afterAll(async () => close());

  it('runs every migration and reports none pending', async () => {
    expect(await db.showMigrations()).toBe(false);
    const tables = await db.query<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['organization', 'recipient', 'audit_log']));
  });

  it('never interleaves two concurrent transactions', async () => {
    await db.query(`INSERT INTO administrative_group (name) VALUES ('tx-a-base')`);
    const failing = db.transaction(async (m) => {
      await m.query(`INSERT INTO administrative_group (name) VALUES ('tx-a')`);
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('roll back A');
    });
    const succeeding = db.transaction(async (m) => {
      await m.query(`INSERT INTO administrative_group (name) VALUES ('tx-b')`);
    });
    await expect(failing).rejects.toThrow('roll back A');
    await succeeding;
    const names = (await db.query<Array<{ name: string }>>(`SELECT name FROM administrative_group ORDER BY name`)).map(
      (r) => r.name,
    );
    expect(names).toEqual(['tx-a-base', 'tx-b']);
  });

  it('fails fast, instead of hanging, when a transaction queries outside its manager', async () => {
    const misuse = db.transaction(async (m) => {
      await m.query(`SELECT 1`);
      await db.query(`SELECT 2`);
    });
    if (process.env['DATABASE_URL']) await expect(misuse).resolves.toBeUndefined();
    else await expect(misuse).rejects.toThrow(/without its EntityManager/);
    expect(await db.query(`SELECT 3 AS n`)).toEqual([{ n: 3 }]);
  });

  it('reports affected rows of UPDATE and DELETE', async () => {
    const result = await db
      .createQueryBuilder()
      .update('administrative_group')
      .set({ description: 'x' })
      .where('name LIKE :p', { p: 'tx-%' })
      .execute();
    expect(result.affected).toBe(2);
  });
});
