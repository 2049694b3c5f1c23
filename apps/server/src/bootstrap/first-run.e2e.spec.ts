import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import { createTestDatabase, testConfig } from '../testing/test-database';
import { FirstRunService } from './first-run.service';

async function count(db: DataSource, sql: string): Promise<number> {
  const rows = await db.query<Array<{ n: string }>>(sql);
  return Number(rows[0].n);
}

describe('first run, as Exchange setup', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'estafette-first-run-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the organisation once and finds it again after a restart', async () => {
    const database = await createTestDatabase();
    const config = testConfig(database, { dataDir, inMemoryDatabase: false });

    const first = await createApp(config, { logger: false });
    await first.init();
    const run1 = first.get(FirstRunService).result;
    expect(run1).toMatchObject({ createdOrganization: true, registeredServer: true });
    const db1 = first.get(DataSource);
    const names = await db1.query<Array<{ name: string }>>(`SELECT name FROM information_store ORDER BY kind`);
    expect(names.map((n) => n.name)).toEqual(['Mailbox Store (MAIL1)', 'Public Folder Store (MAIL1)']);
    expect(await count(db1, `SELECT count(*) AS n FROM protocol_virtual_server`)).toBe(6);
    expect(await count(db1, `SELECT count(*) AS n FROM address_list WHERE system`)).toBe(5);
    const [policy] = await db1.query<Array<{ address_templates: unknown }>>(
      `SELECT address_templates FROM recipient_policy WHERE is_default`,
    );
    expect(policy.address_templates).toEqual([{ template: '%m@test.example', primary: true }]);
    const [groups] = await db1.query<Array<{ ag: string; rg: string; sg: string }>>(
      `SELECT a.name AS ag, r.name AS rg, g.name AS sg FROM server s
       JOIN administrative_group a ON a.id = s.administrative_group_id
       JOIN routing_group r ON r.id = s.routing_group_id
       JOIN storage_group g ON g.server_id = s.id`,
    );
    expect(groups).toEqual({ ag: 'First Administrative Group', rg: 'First Routing Group', sg: 'First Storage Group' });
    await first.close();

    const second = await createApp(config, { logger: false });
    await second.init();
    expect(second.get(FirstRunService).result).toMatchObject({ createdOrganization: false, registeredServer: false });
    const db2 = second.get(DataSource);
    expect(await count(db2, `SELECT count(*) AS n FROM organization`)).toBe(1);
    expect(await count(db2, `SELECT count(*) AS n FROM server`)).toBe(1);
    expect(await count(db2, `SELECT count(*) AS n FROM recipient WHERE alias = 'administrator'`)).toBe(1);
    await second.close();
    await database.drop();
  });

  it.runIf(Boolean(process.env['DATABASE_URL']))(
    'registers a second server process into the existing organisation',
    async () => {
      const database = await createTestDatabase();
      const one = await createApp(testConfig(database), { logger: false });
      await one.init();
      const two = await createApp(testConfig(database, { hostname: 'mail2.test.example' }), { logger: false });
      await two.init();
      expect(two.get(FirstRunService).result).toMatchObject({ createdOrganization: false, registeredServer: true });
      const db = two.get(DataSource);
      const servers = await db.query<Array<{ name: string; stores: string }>>(
        `SELECT s.name, count(i.id) AS stores FROM server s JOIN storage_group g ON g.server_id = s.id
         JOIN information_store i ON i.storage_group_id = g.id GROUP BY s.name ORDER BY s.name`,
      );
      expect(servers).toEqual([
        { name: 'mail1.test.example', stores: '2' },
        { name: 'mail2.test.example', stores: '2' },
      ]);
      await two.close();
      await one.close();
      await database.drop();
    },
  );
});
