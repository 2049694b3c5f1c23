#!/usr/bin/env node
// SMTP benchmark: N messages of a realistic mix over P parallel SMTP sessions into Estafette (the built
// server, a child process with a fresh data directory), timed until every message is in a mailbox, and the
// same load into Postfix delivering over LMTP to Dovecot on the same machine. Then Estafette's memory while
// it takes one big message and many parallel sessions. See bench/README.md.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchApi } from '../directory/lib/api.mjs';
import { createDatabase } from '../directory/lib/postgres-database.mjs';
import { cpuSecondsOf, freePort, rssMbOf, ServerProcess } from '../directory/lib/server-process.mjs';
import { MessageMix } from './lib/message-mix.mjs';
import { ReferenceMta, referenceAvailable } from './lib/reference-mta.mjs';
import { SmtpSession } from './lib/smtp-session.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_MAIN_JS = join(ROOT, 'dist/server/apps/server/src/main.js');
const DOMAIN = 'bench.example';
const HEALTH_TIMEOUT_MS = 120_000;
const RSS_SAMPLE_MS = 100;

const USAGE = `usage: node bench/smtp/run.mjs [options]

  --messages N       messages to send (default 20000)
  --sessions N       parallel SMTP sessions (default 50)
  --users N          mailboxes the messages are spread over (default 50)
  --seed N           seed of the message mix (default 1)
  --postgres         run Estafette on PostgreSQL (DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres)
                     instead of PGlite; a fresh database is created and dropped afterwards
  --no-reference     skip Postfix + Dovecot
  --no-estafette     only the reference
  --no-memory        skip the memory measurement
  --memory-only      only the memory measurement
  --big-mb N         size of the big message of the memory measurement (default 50)
  --memory-sessions N  parallel sessions of the memory measurement (default 100)
  --timeout-min N    give up on a run after this many minutes (default 30)
  --rounds N         alternate the two servers N times and compare the medians (default 1)
  --server PATH      the server's main.js (default dist/server/apps/server/src/main.js)
  --help             this text

Needs the built server (npm run build:server) and, for the reference, root and the Debian packages
postfix, dovecot-lmtpd and dovecot-imapd.`;

class UsageError extends Error {}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '20000' },
      sessions: { type: 'string', default: '50' },
      users: { type: 'string', default: '50' },
      seed: { type: 'string', default: '1' },
      postgres: { type: 'boolean', default: false },
      'no-reference': { type: 'boolean', default: false },
      'no-estafette': { type: 'boolean', default: false },
      'no-memory': { type: 'boolean', default: false },
      'memory-only': { type: 'boolean', default: false },
      'big-mb': { type: 'string', default: '50' },
      'memory-sessions': { type: 'string', default: '100' },
      'timeout-min': { type: 'string', default: '30' },
      rounds: { type: 'string', default: '1' },
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
  return {
    messages: integer('messages', 1),
    sessions: integer('sessions', 1),
    users: integer('users', 1),
    seed: integer('seed', 0),
    postgresUrl: values.postgres ? process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' : null,
    reference: !values['no-reference'] && !values['memory-only'],
    estafette: !values['no-estafette'] && !values['memory-only'],
    memory: !values['no-memory'] && !values['no-estafette'],
    bigBytes: integer('big-mb', 1) * 1024 * 1024,
    memorySessions: integer('memory-sessions', 1),
    timeoutMs: integer('timeout-min', 1) * 60_000,
    rounds: integer('rounds', 1),
    mainJs: resolve(values.server),
  };
}

const interrupted = new AbortController();

function checkRunning(deadline) {
  if (interrupted.signal.aborted) throw new Error('interrupted');
  if (Date.now() > deadline) throw new Error('time is up (raise --timeout-min)');
}

const PROGRESS_EVERY_MS = process.stdout.isTTY ? 1000 : 10_000;
function progress(text) {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${text}`);
  else if (text) process.stdout.write(`${text}\n`);
}

/** CPU seconds of a process and of the children it has waited for (fields utime, stime, cutime, cstime). */
function cpuWithChildren(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return 0;
  }
}

/** Samples the resident memory of a process until stopped; returns the peak and the samples' median. */
function rssSampler(pid) {
  const samples = [];
  const timer = setInterval(() => {
    const mb = rssMbOf(pid);
    if (mb !== null) samples.push(mb);
  }, RSS_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      const sorted = [...samples].sort((a, b) => a - b);
      return { peak: sorted.at(-1) ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0 };
    },
  };
}

/**
 * Sends messages [0, count) of the mix over `sessions` sessions; resolves when every message has its final
 * reply. Returns the acceptance time (ms from start to the last 250) and the per-user accepted counts.
 */
async function sendAll({ host, port, mix, count, sessions, deadline, onAccepted }) {
  let next = 0;
  let accepted = 0;
  let refused = 0;
  let firstRefusal = null;
  const start = performance.now();
  let lastAccept = start;
  let lastReport = start;
  const worker = async (n) => {
    const session = new SmtpSession(host, port);
    try {
      await session.open(`client${n}.sender.example`);
      while (next < count) {
        checkRunning(deadline);
        const m = mix.message(next++);
        const reply = await session.send(m.from, m.to, m.data);
        if (reply.code === 250) {
          accepted++;
          lastAccept = performance.now();
          onAccepted(m.to);
        } else {
          refused++;
          firstRefusal ??= reply.text;
        }
        if (performance.now() - lastReport > PROGRESS_EVERY_MS) {
          lastReport = performance.now();
          progress(`  sent ${accepted} accepted, ${refused} refused of ${count}`);
        }
      }
      await session.quit();
    } finally {
      session.destroy();
    }
  };
  await Promise.all(Array.from({ length: Math.min(sessions, count) }, (_, n) => worker(n)));
  progress('');
  if (firstRefusal) process.stdout.write(`  ${refused} refused; first refusal: ${firstRefusal}\n`);
  return { accepted, refused, acceptMs: lastAccept - start, start };
}

/** Waits until `delivered()` reaches `target`; resolves with the time it did (performance.now()). */
async function waitDelivered(delivered, target, deadline, intervalMs) {
  let lastReport = performance.now();
  for (;;) {
    checkRunning(deadline);
    const n = await delivered();
    if (n >= target) return performance.now();
    if (performance.now() - lastReport > PROGRESS_EVERY_MS) {
      lastReport = performance.now();
      progress(`  delivered ${n} of ${target}`);
    }
    await sleep(intervalMs);
  }
}

// ----- Estafette -----

async function startEstafette(options, label) {
  const workDir = mkdtempSync(join(tmpdir(), `estafette-bench-smtp-${label}-`));
  const database = options.postgresUrl ? await createDatabase(options.postgresUrl) : null;
  const adminPassword = `Bench-${randomBytes(6).toString('hex')}-Adm1n!`;
  const smtpPort = await freePort();
  const server = new ServerProcess({
    mainJs: options.mainJs,
    workDir,
    databaseUrl: database?.url,
    adminPassword,
    env: {
      ESTAFETTE_SMTP_PORT: String(smtpPort),
    },
    // For profiling the server under this load: ESTAFETTE_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
    nodeArgs: process.env.ESTAFETTE_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  });
  const cleanup = async () => {
    await server.stop();
    if (database)
      await database.drop().catch((e) => process.stderr.write(`could not drop ${database.name}: ${e.message}\n`));
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await server.start();
    await server.waitHealthy(HEALTH_TIMEOUT_MS);
    const anonymous = new BenchApi(server.baseUrl);
    const { token } = await anonymous.request('POST', '/api/auth/token', {
      username: 'administrator',
      password: adminPassword,
    });
    const api = new BenchApi(server.baseUrl, token);
    await waitForSmtp(smtpPort);
    return { server, api, smtpPort, database, cleanup };
  } catch (error) {
    process.stderr.write(`\nlast lines of the server log (${server.logPath}):\n${server.logTail()}\n`);
    await cleanup();
    throw error;
  }
}

async function waitForSmtp(port) {
  for (let i = 0; i < 200; i++) {
    const session = new SmtpSession('127.0.0.1', port);
    try {
      await session.open('probe.sender.example');
      await session.quit();
      return;
    } catch {
      await sleep(100);
    } finally {
      session.destroy();
    }
  }
  throw new Error(`nothing answers SMTP on port ${port}`);
}

async function createUsers(api, count) {
  const users = [];
  const create = async (i) => {
    const alias = `bench${String(i).padStart(4, '0')}`;
    const r = await api.request('POST', '/api/recipients', {
      kind: 'user',
      alias,
      displayName: `Bench User ${i}`,
      firstName: 'Bench',
      lastName: `User ${i}`,
      password: 'Bench-User-Passw0rd!',
    });
    const address = r.emailAddresses.find((a) => a.isPrimary)?.address ?? `${alias}@${DOMAIN}`;
    users[i] = { id: r.id, address: address.toLowerCase() };
  };
  for (let i = 0; i < count; i += 8)
    await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, k) => create(i + k)));
  return users;
}

/**
 * Messages in the mailboxes of `users`, read cheaply: while the queue viewer (GET /api/queues, one request)
 * still shows messages, the count is what was accepted minus what is queued; once the queues are empty, the
 * mailbox statistics of every user whose count is short are read (exact). So polling costs the server one
 * request per round, not one per mailbox.
 */
function storeCounter(api, users, expected) {
  const seen = new Map(users.map((u) => [u.address, 0]));
  return async () => {
    let wanted = 0;
    for (const n of expected.values()) wanted += n;
    const queues = await api.request('GET', '/api/queues');
    const queued = queues.reduce((sum, q) => sum + q.messageCount, 0);
    if (queued > 0) return Math.max(0, wanted - queued - 1);
    const behind = users.filter((u) => seen.get(u.address) < (expected.get(u.address) ?? 0));
    for (let i = 0; i < behind.length; i += 8) {
      await Promise.all(
        behind.slice(i, i + 8).map(async (u) => {
          const stats = await api.request('GET', `/api/mailboxes/${u.id}/stats`);
          seen.set(u.address, stats.totalItems);
        }),
      );
    }
    let total = 0;
    for (const n of seen.values()) total += n;
    return total;
  };
}

async function benchEstafette(options) {
  const label = options.postgresUrl ? 'PostgreSQL' : 'PGlite';
  process.stdout.write(`\n== Estafette on ${label} ==\n`);
  const deadline = Date.now() + options.timeoutMs;
  const { server, api, smtpPort, cleanup } = await startEstafette(options, 'throughput');
  try {
    const users = await createUsers(api, options.users);
    process.stdout.write(`  server pid ${server.pid}, SMTP on 127.0.0.1:${smtpPort}, ${users.length} mailboxes\n`);
    const mix = new MessageMix(
      options.seed,
      users.map((u) => u.address),
    );
    return await measureRun({
      name: `Estafette (${label})`,
      host: '127.0.0.1',
      port: smtpPort,
      mix,
      options,
      deadline,
      pollMs: 200,
      counter: (expected) => storeCounter(api, users, expected),
      serverCpu: () => cpuSecondsOf(server.pid) ?? 0,
      rssPid: server.pid,
    });
  } catch (error) {
    process.stderr.write(`\nlast lines of the server log (${server.logPath}):\n${server.logTail()}\n`);
    throw error;
  } finally {
    await cleanup();
  }
}

async function measureRun({ name, host, port, mix, options, deadline, pollMs, counter, serverCpu, rssPid }) {
  const expected = new Map();
  const count = counter(expected);
  const cpuBefore = { bench: process.cpuUsage(), server: serverCpu() };
  const rss = rssPid ? rssSampler(rssPid) : null;
  const sent = await sendAll({
    host,
    port,
    mix,
    count: options.messages,
    sessions: options.sessions,
    deadline,
    onAccepted: (to) => expected.set(to, (expected.get(to) ?? 0) + 1),
  });
  const doneAt = await waitDelivered(count, sent.accepted, deadline, pollMs);
  const benchUsage = process.cpuUsage(cpuBefore.bench);
  const benchCpu = (benchUsage.user + benchUsage.system) / 1e6;
  const result = {
    name,
    accepted: sent.accepted,
    refused: sent.refused,
    acceptRate: sent.accepted / (sent.acceptMs / 1000),
    endToEndRate: sent.accepted / ((doneAt - sent.start) / 1000),
    seconds: (doneAt - sent.start) / 1000,
    benchCpu,
    serverCpu: serverCpu() - cpuBefore.server,
    rss: rss?.stop() ?? null,
  };
  printRun(result);
  return result;
}

function printRun(r) {
  const wall = r.seconds;
  const machine = wall * cpus().length;
  process.stdout.write(
    `  ${r.name}: ${r.accepted} accepted (${r.refused} refused) in ${wall.toFixed(1)} s\n` +
      `    end to end ${r.endToEndRate.toFixed(0)} msg/s, acceptance ${r.acceptRate.toFixed(0)} msg/s\n` +
      `    CPU: server ${r.serverCpu.toFixed(1)} s, load generator ${r.benchCpu.toFixed(1)} s ` +
      `(${((100 * r.benchCpu) / machine).toFixed(0)}% of the machine's ${cpus().length} cores over the run, ` +
      `${((100 * r.benchCpu) / (r.benchCpu + r.serverCpu)).toFixed(0)}% of all CPU used)\n` +
      (r.rss ? `    server RSS: median ${r.rss.median.toFixed(0)} MB, peak ${r.rss.peak.toFixed(0)} MB\n` : ''),
  );
}

// ----- reference -----

async function benchReference(options) {
  process.stdout.write('\n== Postfix + Dovecot (LMTP) ==\n');
  const missing = referenceAvailable();
  if (missing) {
    process.stdout.write(`  skipped: ${missing}\n`);
    return null;
  }
  const deadline = Date.now() + options.timeoutMs;
  const workDir = mkdtempSync(join(tmpdir(), 'estafette-bench-smtp-reference-'));
  // Ports above 20000 that are free now: a Dovecot another benchmark runs keeps its own.
  const smtpPort = 20000 + Math.floor(Math.random() * 20000);
  const lmtpPort = smtpPort + 1;
  const mta = new ReferenceMta({ workDir, smtpPort, lmtpPort, domain: DOMAIN });
  try {
    const users = Array.from({ length: options.users }, (_, i) => `bench${String(i).padStart(4, '0')}`);
    await mta.start(users);
    await waitForSmtp(smtpPort);
    process.stdout.write(
      `  postfix master ${mta.postfixPid} on 127.0.0.1:${smtpPort}, dovecot master ${mta.dovecotPid} (LMTP ${lmtpPort})\n`,
    );
    const mix = new MessageMix(
      options.seed,
      users.map((u) => `${u}@${DOMAIN}`),
    );
    const cpuOf = () => mta.pids().reduce((sum, pid) => sum + cpuWithChildren(pid), 0);
    return await measureRun({
      name: 'Postfix + Dovecot',
      host: '127.0.0.1',
      port: smtpPort,
      mix,
      options,
      deadline,
      pollMs: 100,
      counter: () => async () => mta.delivered(),
      serverCpu: cpuOf,
      rssPid: null,
    });
  } catch (error) {
    process.stderr.write(`\nreference setup in ${workDir}\n`);
    throw error;
  } finally {
    await mta.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

// ----- memory -----

/** A plain message of about `bytes` bytes with a base64 attachment, streamed in chunks (already dot-safe). */
async function* bigMessage(from, to, bytes) {
  yield Buffer.from(
    `From: <${from}>\r\nTo: <${to}>\r\nSubject: big message\r\nMessage-ID: <big.${Date.now()}@sender.example>\r\n` +
      'MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n',
  );
  const line = `${randomBytes(57).toString('base64')}\r\n`;
  const chunk = Buffer.from(line.repeat(Math.floor(65536 / line.length)));
  for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk;
}

async function benchMemory(options) {
  const label = options.postgresUrl ? 'PostgreSQL' : 'PGlite';
  process.stdout.write(`\n== Estafette memory (${label}) ==\n`);
  const deadline = Date.now() + options.timeoutMs;
  const { server, api, smtpPort, cleanup } = await startEstafette(options, 'memory');
  try {
    // The limit is the smaller of the organisation's and the SMTP virtual server's: raise both.
    const maxMessageSizeKb = Math.ceil((options.bigBytes * 1.1) / 1024);
    await api.request('PATCH', '/api/organization', { maxMessageSizeKb });
    for (const s of await api.request('GET', '/api/servers'))
      for (const vs of await api.request('GET', `/api/servers/${s.id}/virtual-servers`))
        if (vs.protocol === 'smtp')
          await api.request('PATCH', `/api/virtual-servers/${vs.id}`, {
            settings: { ...vs.settings, maxMessageSizeKb },
          });
    const users = await createUsers(api, Math.min(options.users, 10));
    // The listeners pick up the new size limit on their next poll: wait until EHLO advertises it.
    for (let i = 0; ; i++) {
      checkRunning(deadline);
      const probe = new SmtpSession('127.0.0.1', smtpPort);
      await probe.open('probe.sender.example');
      const size = probe.maxSize;
      await probe.quit();
      probe.destroy();
      if (size === 0 || size > options.bigBytes + 65536) break;
      if (i === 100) throw new Error(`the SMTP listener still advertises SIZE ${size}`);
      await sleep(500);
    }
    await sleep(2000);
    const idle = rssMbOf(server.pid);
    const big = rssSampler(server.pid);
    const session = new SmtpSession('127.0.0.1', smtpPort);
    await session.open('big.sender.example');
    const start = performance.now();
    const reply = await session.send(
      'big@sender.example',
      users[0].address,
      bigMessage('big@sender.example', users[0].address, options.bigBytes),
    );
    const acceptSeconds = (performance.now() - start) / 1000;
    await session.quit();
    session.destroy();
    if (reply.code !== 250) throw new Error(`the big message was refused: ${reply.text}`);
    const expected = new Map([[users[0].address, 1]]);
    await waitDelivered(storeCounter(api, users, expected), 1, deadline, 200);
    const bigRss = big.stop();
    process.stdout.write(
      `  idle RSS ${idle.toFixed(0)} MB; one ${(options.bigBytes / 1048576).toFixed(0)} MB message ` +
        `(accepted in ${acceptSeconds.toFixed(1)} s, then delivered): peak ${bigRss.peak.toFixed(0)} MB ` +
        `(+${(bigRss.peak - idle).toFixed(0)} MB)\n`,
    );

    const perSession = 2;
    const before = rssMbOf(server.pid);
    const parallel = rssSampler(server.pid);
    const mix = new MessageMix(
      options.seed + 1,
      users.map((u) => u.address),
    );
    const expectedMany = new Map();
    const sent = await sendAll({
      host: '127.0.0.1',
      port: smtpPort,
      mix,
      count: options.memorySessions * perSession,
      sessions: options.memorySessions,
      deadline,
      onAccepted: (to) => expectedMany.set(to, (expectedMany.get(to) ?? 0) + 1),
    });
    for (const [to, n] of expected) expectedMany.set(to, (expectedMany.get(to) ?? 0) + n);
    await waitDelivered(storeCounter(api, users, expectedMany), sent.accepted + 1, deadline, 200);
    const manyRss = parallel.stop();
    process.stdout.write(
      `  ${options.memorySessions} parallel sessions, ${sent.accepted} messages: RSS before ${before.toFixed(0)} MB, ` +
        `peak ${manyRss.peak.toFixed(0)} MB (+${(manyRss.peak - before).toFixed(0)} MB)\n`,
    );
    return { idle, big: bigRss, before, many: manyRss };
  } catch (error) {
    process.stderr.write(`\nlast lines of the server log (${server.logPath}):\n${server.logTail()}\n`);
    throw error;
  } finally {
    await cleanup();
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if ((options.estafette || options.memory) && !existsSync(options.mainJs))
    throw new UsageError(`the server is not built: run npm run build:server first (${options.mainJs} is missing)`);
  process.once('SIGINT', () => interrupted.abort());
  process.once('SIGTERM', () => interrupted.abort());
  process.stdout.write(
    `SMTP benchmark: ${options.messages} messages over ${options.sessions} sessions to ${options.users} mailboxes, ` +
      `seed ${options.seed}; ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})\n`,
  );
  // Rounds alternate the two servers, so that a machine whose speed drifts during the run (seen: ±20% from
  // one run to the next) weighs on both alike; the ratio is that of the medians.
  const estafetteRuns = [];
  const referenceRuns = [];
  for (let round = 1; round <= options.rounds; round++) {
    if (options.rounds > 1) process.stdout.write(`\n-- round ${round} of ${options.rounds} --\n`);
    if (options.estafette) estafetteRuns.push(await benchEstafette(options));
    if (options.reference) {
      const run = await benchReference(options);
      if (run) referenceRuns.push(run);
    }
  }
  if (options.memory) await benchMemory(options);
  const estafette = medianRun(estafetteRuns);
  const reference = medianRun(referenceRuns);
  if (options.rounds > 1)
    for (const [name, runs] of [
      ['Estafette', estafetteRuns],
      ['reference', referenceRuns],
    ])
      if (runs.length > 0)
        process.stdout.write(
          `\n${name}, ${runs.length} runs: end to end ${runs.map((r) => r.endToEndRate.toFixed(0)).join(' / ')} msg/s ` +
            `(median ${medianRun(runs).endToEndRate.toFixed(0)}), acceptance ` +
            `${runs.map((r) => r.acceptRate.toFixed(0)).join(' / ')} (median ${medianRun(runs).acceptRate.toFixed(0)})`,
        );
  if (estafette && reference) {
    process.stdout.write(
      `\nEstafette / Postfix+Dovecot${options.rounds > 1 ? ' (medians)' : ''}: end to end ` +
        `x${(estafette.endToEndRate / reference.endToEndRate).toFixed(2)} ` +
        `(${estafette.endToEndRate.toFixed(0)} / ${reference.endToEndRate.toFixed(0)} msg/s), acceptance ` +
        `x${(estafette.acceptRate / reference.acceptRate).toFixed(2)} ` +
        `(${estafette.acceptRate.toFixed(0)} / ${reference.acceptRate.toFixed(0)} msg/s)\n`,
    );
  }
}

/** The median of the runs' rates (each rate on its own), or null without runs. */
function medianRun(runs) {
  if (runs.length === 0) return null;
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  return {
    endToEndRate: median(runs.map((r) => r.endToEndRate)),
    acceptRate: median(runs.map((r) => r.acceptRate)),
  };
}

main().catch((error) => {
  process.stderr.write(`\nbench/smtp: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
  process.exitCode = 1;
});
