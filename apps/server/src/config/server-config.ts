import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** Listener ports a process binds. Defaults are unprivileged for a non-root user, standard for root. */
export interface ListenerPorts {
  smtp: number;
  submission: number;
  smtps: number;
  imap: number;
  imaps: number;
  pop3: number;
  pop3s: number;
  nntp: number;
  ldap: number;
  http: number;
}

export interface ServerConfig {
  /** PostgreSQL URL; undefined means embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Name of the Server object this process registers as. */
  hostname: string;
  /** The organisation's first authoritative domain (default recipient policy). */
  domain: string;
  adminPassword: string | undefined;
  bind: string;
  ports: ListenerPorts;
  /** PGlite in memory: used by tests that need no persistence. */
  inMemoryDatabase: boolean;
  /**
   * In memory: a dump of the migrated, empty database (pglite-template.ts) to start from; written by the
   * first one opened when it does not exist yet. The test suites set it; a server never does.
   */
  databaseTemplate?: string;
  /**
   * PGlite has one session, which a transaction holds to its end: a query issued inside a transaction
   * without its EntityManager would wait for it forever. With this check it fails at once
   * (LeaseDeadlockError). The check marks each transaction's async context (AsyncLocalStorage), which on
   * Node 20 runs async hooks for every promise of the process: measured 15 % of the server's CPU under the
   * IMAP benchmark's load. So the test suites turn it on (ESTAFETTE_LEASE_CHECK=true) and a server leaves
   * it off unless asked.
   */
  leaseCheck: boolean;
}

const STANDARD_PORTS: ListenerPorts = {
  smtp: 25,
  submission: 587,
  smtps: 465,
  imap: 143,
  imaps: 993,
  pop3: 110,
  pop3s: 995,
  nntp: 119,
  ldap: 389,
  http: 80,
};

/** Unprivileged ports: the standard number plus a fixed offset (HTTP on 8080). */
const UNPRIVILEGED_PORTS: ListenerPorts = {
  smtp: 2525,
  submission: 2587,
  smtps: 2465,
  imap: 2143,
  imaps: 2993,
  pop3: 2110,
  pop3s: 2995,
  nntp: 2119,
  ldap: 2389,
  http: 8080,
};

const PORT_VARIABLES: Record<keyof ListenerPorts, string> = {
  smtp: 'ESTAFETTE_SMTP_PORT',
  submission: 'ESTAFETTE_SUBMISSION_PORT',
  smtps: 'ESTAFETTE_SMTPS_PORT',
  imap: 'ESTAFETTE_IMAP_PORT',
  imaps: 'ESTAFETTE_IMAPS_PORT',
  pop3: 'ESTAFETTE_POP3_PORT',
  pop3s: 'ESTAFETTE_POP3S_PORT',
  nntp: 'ESTAFETTE_NNTP_PORT',
  ldap: 'ESTAFETTE_LDAP_PORT',
  http: 'ESTAFETTE_HTTP_PORT',
};

export class ConfigError extends Error {}

function parsePort(name: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${value}"`);
  }
  return port;
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const defaults = isRoot && env['ESTAFETTE_STANDARD_PORTS'] !== 'false' ? STANDARD_PORTS : UNPRIVILEGED_PORTS;
  const ports = { ...defaults };
  for (const key of Object.keys(PORT_VARIABLES) as Array<keyof ListenerPorts>) {
    const value = env[PORT_VARIABLES[key]];
    if (value !== undefined && value !== '') ports[key] = parsePort(PORT_VARIABLES[key], value);
  }
  const host = (env['ESTAFETTE_HOSTNAME'] || hostname()).trim();
  const domain = (env['ESTAFETTE_DOMAIN'] || (host.includes('.') ? host.split('.').slice(1).join('.') : 'example.com'))
    .trim()
    .toLowerCase();
  return {
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir: resolve(env['ESTAFETTE_DATA_DIR'] || './data'),
    hostname: host,
    domain,
    adminPassword: env['ESTAFETTE_ADMIN_PASSWORD'] || undefined,
    bind: env['ESTAFETTE_BIND'] || '0.0.0.0',
    ports,
    inMemoryDatabase: env['ESTAFETTE_DATA_DIR'] === ':memory:',
    leaseCheck: env['ESTAFETTE_LEASE_CHECK'] === 'true',
  };
}

export const SERVER_CONFIG = Symbol('SERVER_CONFIG');
