import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '@estafette/migrations';
import type { DataSource } from 'typeorm';
import { loadServerConfig, type ServerConfig } from '../config/server-config';
import { openDataSource } from '../database/data-source.factory';

export interface TestDatabase {
  /** DATABASE_URL of a fresh PostgreSQL database, or undefined for in-memory PGlite. */
  url: string | undefined;
  drop: () => Promise<void>;
}

/**
 * A fresh, empty database for one test file: in-memory PGlite by default, a new
 * database on the PostgreSQL server of DATABASE_URL when that is set.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) return { url: undefined, drop: async () => undefined };
  const name = `estafette_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

const LISTENER_PORTS_ANY: Record<string, string> = Object.fromEntries(
  ['SMTP', 'SUBMISSION', 'SMTPS', 'IMAP', 'IMAPS', 'POP3', 'POP3S', 'NNTP', 'LDAP'].map((p) => [
    `ESTAFETTE_${p}_PORT`,
    '0',
  ]),
);

export function testConfig(database: TestDatabase, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const base = loadServerConfig({
    ESTAFETTE_HOSTNAME: 'mail1.test.example',
    ESTAFETTE_DOMAIN: 'test.example',
    ESTAFETTE_ADMIN_PASSWORD: 'Admin-Passw0rd!',
    ESTAFETTE_DATA_DIR: ':memory:',
    ESTAFETTE_BIND: '127.0.0.1',
    ESTAFETTE_STANDARD_PORTS: 'false',
    // Tests catch a query that would wait for its own transaction's PGlite session (ServerConfig.leaseCheck).
    ESTAFETTE_LEASE_CHECK: 'true',
    // Listeners bind free ports (TestServer.ports tells which), so test files can run side by side.
    ...LISTENER_PORTS_ANY,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  });
  return { ...base, databaseTemplate: database.url ? undefined : pgliteTemplatePath(), ...overrides };
}

const TEMPLATE_PREFIX = 'estafette-pglite-template-';

/** The installed PGlite's version (its package.json is not among its exports: found from its entry). */
function pgliteVersion(): string {
  let dir = dirname(createRequire(__filename).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

let templatePath: string | undefined;

/**
 * Where the in-memory test databases find their migrated template (pglite-template.ts): named after the
 * migrations' code and the PGlite version, so a change to either makes a new one. Templates of other
 * versions are removed (40 MB each).
 */
function pgliteTemplatePath(): string {
  if (templatePath) return templatePath;
  const hash = createHash('sha256').update(pgliteVersion());
  for (const migration of MIGRATIONS) hash.update(`\0${migration.name}\0${migration.toString()}`);
  const name = `${TEMPLATE_PREFIX}${hash.digest('hex').slice(0, 16)}.tar`;
  for (const file of readdirSync(tmpdir()))
    if (file.startsWith(TEMPLATE_PREFIX) && file.endsWith('.tar') && file !== name)
      rmSync(join(tmpdir(), file), { force: true });
  templatePath = join(tmpdir(), name);
  return templatePath;
}

export async function openTestDataSource(): Promise<{ dataSource: DataSource; close: () => Promise<void> }> {
  const database = await createTestDatabase();
  const dataSource = await openDataSource(testConfig(database));
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
