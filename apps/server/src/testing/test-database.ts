import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
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
    // Listeners bind free ports (TestServer.ports tells which), so test files can run side by side.
    ...LISTENER_PORTS_ANY,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  });
  return { ...base, ...overrides };
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
