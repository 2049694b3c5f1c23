import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '@estafette/migrations';
import { testConfig } from '../testing/test-database';
import { openDataSource } from './data-source.factory';
import { dumpPglite } from './pglite-pool';

const dir = mkdtempSync(join(tmpdir(), 'estafette-template-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(template: string): Promise<DataSource> {
  return openDataSource(testConfig({ url: undefined, drop: async () => undefined }, { databaseTemplate: template }));
}

async function tables(db: DataSource): Promise<string[]> {
  const rows = await db.query<Array<{ t: string }>>(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

/**
 * In-memory databases start from a dump of a migrated one (what the test suites do to skip initdb and the
 * migrations in every file): the first writes it, the next ones start from it, in the worker thread and
 * in this one.
 */
describe.each([
  ['in the worker thread', '1'],
  ['in this thread', '0'],
])('an in-memory PGlite database from a template, %s', (_name, worker) => {
  const opened: DataSource[] = [];
  const previous = process.env['ESTAFETTE_PGLITE_WORKER'];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy();
    if (previous === undefined) delete process.env['ESTAFETTE_PGLITE_WORKER'];
    else process.env['ESTAFETTE_PGLITE_WORKER'] = previous;
  });

  it('is written by the first database after its migrations, and the next one starts from it', async () => {
    process.env['ESTAFETTE_PGLITE_WORKER'] = worker;
    const template = join(dir, `template-${worker}.tar`);
    const first = await open(template);
    opened.push(first);
    expect(existsSync(template)).toBe(true);
    const migrated = await tables(first);
    expect(migrated).toContain('message');
    // What the first database does after the dump is not in the template.
    await first.query(`CREATE TABLE after_the_dump (x int)`);

    // A template that says so proves the next database came from it, not from initdb and the migrations.
    const marked = await open(template);
    opened.push(marked);
    await marked.query(`CREATE TABLE from_the_template (x int)`);
    await dumpPglite(marked, template);

    const next = await open(template);
    opened.push(next);
    const names = await tables(next);
    expect(names).toContain('from_the_template');
    expect(names).not.toContain('after_the_dump');
    expect(names.filter((n) => n !== 'from_the_template')).toEqual(migrated.filter((n) => n !== 'after_the_dump'));
    const applied = await next.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM migrations`);
    expect(applied[0].n).toBe(MIGRATIONS.length);
    // Each database is its own: a write to one is not seen by another.
    await next.query(`INSERT INTO from_the_template VALUES (1)`);
    expect(await marked.query(`SELECT count(*)::int AS n FROM from_the_template`)).toEqual([{ n: 0 }]);
  });
});
