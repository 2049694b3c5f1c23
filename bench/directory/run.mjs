#!/usr/bin/env node
// Directory benchmark: starts the built server, creates N users through the REST API,
// and measures how fast the Global Address List pages and prefix searches answer
// after 1,000 users and after N. See bench/README.md.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchApi } from './lib/api.mjs';
import { person, prefixOf, seededRandom } from './lib/names.mjs';
import { createDatabase } from './lib/postgres-database.mjs';
import { cpuSecondsOf, rssMbOf, ServerProcess } from './lib/server-process.mjs';
import { formatCount, formatMs, formatTable, summarize } from './lib/stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_MAIN_JS = join(ROOT, 'dist/server/apps/server/src/main.js');
const FIRST_CHECKPOINT = 1000;
const PAGE_SIZE = 100;
const WARM_UP_REQUESTS = 5;
const HEALTH_TIMEOUT_MS = 120_000;
const USER_PASSWORD = 'Bench-User-Passw0rd!';

const USAGE = `usage: node bench/directory/run.mjs [options]

  --users N          users to create (default 10000; measured after 1,000 and after N)
  --db KIND          pglite, postgres or both (default both)
  --postgres URL     PostgreSQL server for --db postgres (default postgres://postgres@127.0.0.1:5432/postgres);
                     a fresh database is created on it and dropped afterwards
  --concurrency N    user creations in flight (default 8)
  --samples N        timed requests per measurement (default 50)
  --seed N           seed of the generated names and prefixes (default 1)
  --timeout-min N    give up after this many minutes per database (default 60)
  --server PATH      the server's main.js (default dist/server/apps/server/src/main.js)
  --help             this text

Needs the built server: npm run build:server (dist/server/apps/server/src/main.js).`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string', default: '10000' },
      db: { type: 'string', default: 'both' },
      postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      concurrency: { type: 'string', default: '8' },
      samples: { type: 'string', default: '50' },
      seed: { type: 'string', default: '1' },
      'timeout-min': { type: 'string', default: '60' },
      server: { type: 'string', default: DEFAULT_MAIN_JS },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const integer = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}`);
    return n;
  };
  if (!['pglite', 'postgres', 'both'].includes(values.db))
    throw new UsageError('--db must be pglite, postgres or both');
  return {
    users: integer('users', 1),
    databases: values.db === 'both' ? ['pglite', 'postgres'] : [values.db],
    postgres: values.postgres,
    concurrency: integer('concurrency', 1),
    samples: integer('samples', 1),
    seed: integer('seed', 0),
    timeoutMs: integer('timeout-min', 1) * 60_000,
    mainJs: resolve(values.server),
  };
}

class UsageError extends Error {}

/** Set by Ctrl-C: every loop checks it, so the run stops cleanly and still stops the server and drops the database. */
const interrupted = new AbortController();

function checkRunning(deadline) {
  if (interrupted.signal.aborted) throw new Error('interrupted');
  if (Date.now() > deadline) throw new Error('time is up (raise --timeout-min)');
}

/** A terminal gets one line rewritten every second; a log file a new line every 15 seconds. */
const PROGRESS_EVERY_MS = process.stdout.isTTY ? 1000 : 15_000;

function progress(text) {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${text}`);
  else if (text) process.stdout.write(`${text}\n`);
}

/** Creates people[from..to) with `concurrency` requests in flight; returns the elapsed milliseconds. */
async function createUsers(api, people, from, to, options, deadline) {
  let next = from;
  let done = from;
  const start = performance.now();
  let lastReport = performance.now();
  const worker = async () => {
    while (next < to) {
      checkRunning(deadline);
      const p = people[next++];
      await api.request('POST', '/api/recipients', {
        kind: 'user',
        alias: p.alias,
        displayName: p.displayName,
        firstName: p.firstName,
        lastName: p.lastName,
        password: USER_PASSWORD,
      });
      done++;
      const now = performance.now();
      if (now - lastReport > PROGRESS_EVERY_MS) {
        lastReport = now;
        const rate = (done - from) / ((now - start) / 1000);
        progress(`  created ${formatCount(done)} / ${formatCount(people.length)} users (${rate.toFixed(1)}/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, to - from) }, worker));
  progress('');
  return performance.now() - start;
}

function galPath(cursor, search) {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  if (search) query.set('search', search);
  return `/api/address-book/gal?${query}`;
}

/** Page latencies at several depths of the GAL, and prefix searches, with `userCount` users in the directory. */
async function measure(api, people, userCount, options, deadline) {
  // Walk the whole list once, following nextCursor: gives the cursors of the middle and last pages.
  const cursors = [null];
  const walk = [];
  const maxPages = Math.ceil(userCount / PAGE_SIZE) + 100;
  for (let page = 0; page < maxPages; page++) {
    checkRunning(deadline);
    const [ms, body] = await api.timed('GET', galPath(cursors[page]));
    walk.push(ms);
    if (!body.nextCursor) break;
    cursors.push(body.nextCursor);
  }
  const depths = {
    first: cursors[0],
    middle: cursors[Math.floor(cursors.length / 2)],
    last: cursors[cursors.length - 1],
  };
  for (let i = 0; i < WARM_UP_REQUESTS; i++) await api.request('GET', galPath(null));

  const samples = { first: [], middle: [], last: [] };
  // Round-robin over the depths so that a slow moment of the machine hits them alike.
  for (let i = 0; i < options.samples; i++) {
    for (const [depth, cursor] of Object.entries(depths)) {
      checkRunning(deadline);
      samples[depth].push((await api.timed('GET', galPath(cursor)))[0]);
    }
  }

  const random = seededRandom(options.seed + userCount);
  const known = people.slice(0, userCount);
  const galSearch = [];
  const adminSearch = [];
  let hits = 0;
  for (let i = 0; i < options.samples; i++) {
    checkRunning(deadline);
    const prefix = prefixOf(random, known);
    const [ms, body] = await api.timed('GET', galPath(null, prefix));
    galSearch.push(ms);
    hits += body.items.length;
    const query = new URLSearchParams({ kind: 'user', search: prefix, limit: String(PAGE_SIZE) });
    adminSearch.push((await api.timed('GET', `/api/recipients?${query}`))[0]);
  }
  return {
    pages: cursors.length,
    walk: summarize(walk),
    first: summarize(samples.first),
    middle: summarize(samples.middle),
    last: summarize(samples.last),
    galSearch: summarize(galSearch),
    adminSearch: summarize(adminSearch),
    hitsPerSearch: hits / options.samples,
  };
}

async function benchDatabase(kind, options) {
  const deadline = Date.now() + options.timeoutMs;
  const cpuAtStart = process.cpuUsage();
  const label = kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL';
  process.stdout.write(`\n== ${label}: ${formatCount(options.users)} users ==\n`);
  const workDir = mkdtempSync(join(tmpdir(), `estafette-bench-directory-${kind}-`));
  const database = kind === 'postgres' ? await createDatabase(options.postgres) : null;
  const adminPassword = `Bench-${randomBytes(6).toString('hex')}-Adm1n!`;
  const server = new ServerProcess({ mainJs: options.mainJs, workDir, databaseUrl: database?.url, adminPassword });
  try {
    await server.start();
    await server.waitHealthy(HEALTH_TIMEOUT_MS);
    process.stdout.write(
      `  server pid ${server.pid} at ${server.baseUrl}${database ? `, database ${database.name}` : ''}\n`,
    );
    const anonymous = new BenchApi(server.baseUrl);
    const { token } = await anonymous.request('POST', '/api/auth/token', {
      username: 'administrator',
      password: adminPassword,
    });
    const api = new BenchApi(server.baseUrl, token);

    const random = seededRandom(options.seed);
    const people = Array.from({ length: options.users }, (_, i) => person(random, i));
    const checkpoints = [...new Set([Math.min(FIRST_CHECKPOINT, options.users), options.users])];
    const phases = [];
    let created = 0;
    for (const checkpoint of checkpoints) {
      const createMs = await createUsers(api, people, created, checkpoint, options, deadline);
      const rate = (checkpoint - created) / (createMs / 1000);
      process.stdout.write(
        `  created users ${formatCount(created)} -> ${formatCount(checkpoint)}: ${rate.toFixed(1)} users/s\n`,
      );
      created = checkpoint;
      process.stdout.write(`  measuring with ${formatCount(checkpoint)} users…\n`);
      phases.push({
        users: checkpoint,
        createRate: rate,
        ...(await measure(api, people, checkpoint, options, deadline)),
      });
    }
    const usage = {
      serverCpu: cpuSecondsOf(server.pid),
      serverRss: rssMbOf(server.pid),
      benchCpu: process.cpuUsage(cpuAtStart),
    };
    report(label, phases, usage, options);
    return { label, phases };
  } catch (error) {
    if (server.pid && !interrupted.signal.aborted)
      process.stderr.write(`\nlast lines of the server log (${server.logPath}):\n${server.logTail()}\n`);
    throw error;
  } finally {
    await server.stop();
    if (database)
      await database.drop().catch((e) => process.stderr.write(`could not drop ${database.name}: ${e.message}\n`));
    rmSync(workDir, { recursive: true, force: true });
  }
}

function report(label, phases, usage, options) {
  const header = [
    'metric (ms)',
    ...phases.flatMap((p) => [`p50 @${formatCount(p.users)}`, `p95 @${formatCount(p.users)}`]),
  ];
  if (phases.length === 2) header.push('p50 ratio');
  const row = (name, pick) => {
    const cells = phases.flatMap((p) => [formatMs(pick(p).p50), formatMs(pick(p).p95)]);
    if (phases.length === 2) cells.push(`x${(pick(phases[1]).p50 / pick(phases[0]).p50).toFixed(2)}`);
    return [name, ...cells];
  };
  const rows = [
    row('GAL first page (100 entries)', (p) => p.first),
    row('GAL middle page', (p) => p.middle),
    row('GAL last page', (p) => p.last),
    row('GAL walk, every page via nextCursor', (p) => p.walk),
    row('GAL prefix search (2-3 letters)', (p) => p.galSearch),
    row('recipient prefix search (admin API)', (p) => p.adminSearch),
  ];
  process.stdout.write(`\n${label}\n${formatTable(header, rows)}\n`);
  for (const p of phases) {
    process.stdout.write(
      `  at ${formatCount(p.users)} users: ${p.pages} GAL pages, ${p.hitsPerSearch.toFixed(1)} entries per search page, ` +
        `created ${p.createRate.toFixed(1)} users/s (${options.concurrency} in flight)\n`,
    );
  }
  const cpu = usage.serverCpu === null ? 'n/a' : `${usage.serverCpu.toFixed(1)} s`;
  const benchCpu = ((usage.benchCpu.user + usage.benchCpu.system) / 1e6).toFixed(1);
  const rss = usage.serverRss === null ? 'n/a' : `${usage.serverRss.toFixed(0)} MB`;
  process.stdout.write(`  CPU: server ${cpu}, load generator ${benchCpu} s; server RSS at the end ${rss}\n`);
  if (phases.length === 2) {
    const growth = phases[1].middle.p50 / phases[0].middle.p50;
    const verdict =
      growth < 1.5
        ? 'flat: keyset paging does not depend on the directory size'
        : 'GROWS with the directory size: check the paging query plan';
    process.stdout.write(
      `  middle GAL page p50: ${formatMs(phases[0].middle.p50)} ms at ${formatCount(phases[0].users)} users, ` +
        `${formatMs(phases[1].middle.p50)} ms at ${formatCount(phases[1].users)} (x${growth.toFixed(2)}): ${verdict}\n`,
    );
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(options.mainJs)) {
    throw new UsageError(`the server is not built: run npm run build:server first (${options.mainJs} is missing)`);
  }
  process.once('SIGINT', () => interrupted.abort());
  process.once('SIGTERM', () => interrupted.abort());
  process.stdout.write(
    `directory benchmark: ${formatCount(options.users)} users, ${options.concurrency} creations in flight, ` +
      `${options.samples} samples per measurement, databases: ${options.databases.join(', ')}\n`,
  );
  for (const kind of options.databases) await benchDatabase(kind, options);
}

main().catch((error) => {
  process.stderr.write(`\nbench/directory: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
  process.exitCode = 1;
});
