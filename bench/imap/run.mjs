#!/usr/bin/env node
// IMAP benchmark: the built Estafette server against Dovecot on the same machine, in one run. Two bounded
// mixes from 50 connections (login per session; persistent sessions), then memory per idle connection
// (LOGIN, SELECT, IDLE). Prints commands/s, the ratio, the servers' and the load generator's CPU, and KiB
// per idle connection. See bench/README.md.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../directory/lib/server-process.mjs';
import { DovecotImap, dovecotImapMissing } from './lib/dovecot-imap.mjs';
import { EstafetteImap } from './lib/estafette-imap.mjs';
import {
  appendShapes,
  loginPerSession,
  openIdleConnections,
  persistentSessions,
  seedMailboxes,
} from './lib/imap-load.mjs';

const USAGE = `usage: node bench/imap/run.mjs [options]
  --target both|estafette|dovecot   servers to measure (default both)
  --clients N          concurrent connections of the two mixes (default 50)
  --messages N         messages seeded in each user's INBOX (default 40)
  --seconds N          length of each mix (default 20)
  --max-sessions N     at most this many sessions (mix 1) or rounds (mix 2) (default 20000)
  --idle N             idle connections for the memory measurement, 0 to skip (default 1000)
  --db pglite|postgres Estafette's database (default pglite)
  --postgres URL       PostgreSQL server for --db postgres (default postgres://postgres@127.0.0.1:5432/postgres)
  --seed N             seed of the message mix (default 1)
  --server PATH        built server (default dist/server/apps/server/src/main.js)
  --timeout-min N      give up after this many minutes per server (default 30)
  --rounds N           alternate the servers N times and compare the medians (default 1)
  --cpu-prof DIR       write a V8 CPU profile of the Estafette server into DIR (node --cpu-prof)`;

const PASSWORD = 'Bench-Imap-Passw0rd!';
const DOMAIN = 'bench.example';

function options() {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', default: 'both' },
      clients: { type: 'string', default: '50' },
      messages: { type: 'string', default: '40' },
      seconds: { type: 'string', default: '20' },
      'max-sessions': { type: 'string', default: '20000' },
      idle: { type: 'string', default: '1000' },
      db: { type: 'string', default: 'pglite' },
      postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      seed: { type: 'string', default: '1' },
      server: { type: 'string', default: 'dist/server/apps/server/src/main.js' },
      'timeout-min': { type: 'string', default: '30' },
      rounds: { type: 'string', default: '1' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} wants a whole number`);
    return n;
  };
  if (!['both', 'estafette', 'dovecot'].includes(values.target))
    throw new Error('--target: both, estafette or dovecot');
  if (!['pglite', 'postgres'].includes(values.db)) throw new Error('--db: pglite or postgres');
  return {
    target: values.target,
    clients: Math.max(1, number('clients')),
    messages: Math.max(1, number('messages')),
    seconds: Math.max(1, number('seconds')),
    maxSessions: Math.max(1, number('max-sessions')),
    idle: number('idle'),
    rounds: Math.max(1, number('rounds')),
    postgres: values.db === 'postgres' ? values.postgres : null,
    seed: number('seed'),
    mainJs: resolve(values.server),
    timeoutMs: Math.max(1, number('timeout-min')) * 60_000,
    nodeArgs: [
      // A full collection on SIGWINCH before each memory reading (lib/gc-on-signal.cjs).
      '--expose-gc',
      '-r',
      fileURLToPath(new URL('./lib/gc-on-signal.cjs', import.meta.url)),
      ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values['cpu-prof'])}`] : []),
    ],
  };
}

/** A loopback port above 22000 that nothing listens on (the reference's ports stay out of others' ranges). */
async function portAbove22000() {
  for (;;) {
    const port = await freePort();
    if (port > 22000) return port;
  }
}

function cpuNow() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Runs `phase` and measures the wall time and the CPU of the server and of this process meanwhile. */
async function measured(server, phase) {
  const serverBefore = server.cpuSeconds();
  const selfBefore = cpuNow();
  const result = await phase();
  return { ...result, serverCpu: server.cpuSeconds() - serverBefore, loadCpu: cpuNow() - selfBefore };
}

function describeMix(name, run) {
  const { counters, seconds, serverCpu, loadCpu } = run;
  const rate = counters.commands / seconds;
  const share = loadCpu / (loadCpu + serverCpu);
  const lines = [
    `  ${name}: ${counters.commands} commands in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} commands/s` +
      ` (${counters.sessions} sessions${name.startsWith('mix 1') ? `, ${(counters.sessions / seconds).toFixed(0)} logins/s` : ''})`,
    `    CPU: server ${serverCpu.toFixed(1)} s, load generator ${loadCpu.toFixed(1)} s (${(share * 100).toFixed(0)}% of the CPU used)`,
  ];
  lines.push(`    mean latency per command (ms): ${counters.latencySummary()}`);
  if (counters.errors) lines.push(`    ${counters.errors} errors, first: ${counters.firstErrors.join(' | ')}`);
  console.log(lines.join('\n'));
  return { rate, share, errors: counters.errors };
}

async function measureServer(server, opts, users) {
  const port = server.options.port;
  const started = performance.now();
  await server.start(users, PASSWORD);
  console.log(`  ${server.label} up in ${((performance.now() - started) / 1000).toFixed(1)} s on 127.0.0.1:${port}`);
  const seedStart = performance.now();
  await seedMailboxes({ port, users, password: PASSWORD, perUser: opts.messages, seed: opts.seed, domain: DOMAIN });
  console.log(
    `  seeded ${users.length} × ${opts.messages} messages by APPEND in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const shapes = appendShapes(opts.seed, DOMAIN);
  const common = { port, users, password: PASSWORD, clients: opts.clients, seconds: opts.seconds, shapes };
  // A short warm-up (JIT, caches, the verified-login cache) that is not measured.
  await loginPerSession({ ...common, seconds: 2, maxSessions: opts.clients * 2 });
  const mix1 = describeMix(
    'mix 1, login per session',
    await measured(server, () => loginPerSession({ ...common, maxSessions: opts.maxSessions })),
  );
  const mix2 = describeMix(
    'mix 2, persistent sessions',
    await measured(server, () => persistentSessions({ ...common, maxRounds: opts.maxSessions })),
  );
  let idleKb = null;
  if (opts.idle > 0) {
    // Two steps of N/2 connections: the slope between them leaves out the heap slack a garbage-collected
    // server already had before the first step (its RSS does not shrink after a collection).
    const half = Math.max(1, Math.floor(opts.idle / 2));
    const before = await server.settledMemoryKb();
    const first = await openIdleConnections({ port, users, password: PASSWORD, count: half });
    const middle = await server.settledMemoryKb();
    const liveMiddle = server.liveKb();
    const second = await openIdleConnections({ port, users, password: PASSWORD, count: opts.idle - half });
    const after = await server.settledMemoryKb();
    const liveAfter = server.liveKb();
    idleKb = {
      slope: (after - middle) / (opts.idle - half),
      growth: (after - before) / opts.idle,
      total: after / opts.idle,
      // Estafette: live memory after a full collection (a PSS slope can hide in heap the mixes freed).
      live: liveMiddle !== null && liveAfter !== null ? (liveAfter - liveMiddle) / (opts.idle - half) : null,
    };
    console.log(
      `  idle: ${opts.idle} connections (LOGIN, SELECT, IDLE): memory (PSS) ${Math.round(before / 1024)} MiB -> ` +
        `${Math.round(middle / 1024)} MiB at ${half} -> ${Math.round(after / 1024)} MiB; per connection: ` +
        `${idleKb.slope.toFixed(0)} KiB (second half), ${idleKb.growth.toFixed(0)} KiB (all), ` +
        `${idleKb.total.toFixed(0)} KiB (total / connections)` +
        (idleKb.live === null ? '' : `, ${idleKb.live.toFixed(0)} KiB live (second half, after a full collection)`),
    );
    for (const c of [...first, ...second]) c.close();
  }
  return { mix1, mix2, idleKb };
}

async function main() {
  const opts = options();
  const targets = opts.target === 'both' ? ['dovecot', 'estafette'] : [opts.target];
  if (targets.includes('estafette') && !existsSync(opts.mainJs))
    throw new Error(`${opts.mainJs} does not exist: npm run build:server first`);
  if (targets.includes('dovecot')) {
    const missing = dovecotImapMissing();
    if (missing) throw new Error(`the reference cannot run: ${missing}`);
  }
  const users = Array.from({ length: opts.clients }, (_, i) => `imapbench${i}`);
  console.log(
    `IMAP benchmark: ${opts.clients} connections, ${opts.messages} messages per mailbox, ${opts.seconds} s per mix, ` +
      `${opts.idle} idle connections, seed ${opts.seed}`,
  );
  // Rounds alternate the servers, so that a machine whose speed drifts during the run weighs on both alike.
  const runs = { dovecot: [], estafette: [] };
  for (let round = 1; round <= opts.rounds; round++) {
    if (opts.rounds > 1) console.log(`\n-- round ${round} of ${opts.rounds} --`);
    for (const kind of targets) {
      const result = await benchServer(kind, opts, users);
      if (result) runs[kind].push(result);
    }
  }
  const results = {};
  for (const kind of targets) {
    if (runs[kind].length === 0) continue;
    results[kind] = medianResult(runs[kind]);
    if (opts.rounds > 1)
      console.log(
        `\n${kind === 'dovecot' ? 'Dovecot' : 'Estafette'}, ${runs[kind].length} runs: mix 1 ` +
          `${runs[kind].map((r) => r.mix1.rate.toFixed(0)).join(' / ')} (median ${results[kind].mix1.rate.toFixed(0)}), ` +
          `mix 2 ${runs[kind].map((r) => r.mix2.rate.toFixed(0)).join(' / ')} (median ${results[kind].mix2.rate.toFixed(0)}) commands/s`,
      );
  }
  const { estafette, dovecot } = results;
  if (estafette && dovecot) {
    const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
    console.log(`\nEstafette / Dovecot${opts.rounds > 1 ? ' (medians)' : ''}`);
    console.log(`  mix 1, login per session: ${ratio(estafette.mix1.rate, dovecot.mix1.rate)} (goal ≥ 1×)`);
    console.log(`  mix 2, persistent sessions: ${ratio(estafette.mix2.rate, dovecot.mix2.rate)} (goal ≥ 1×)`);
    if (estafette.idleKb && dovecot.idleKb)
      console.log(
        `  KiB per idle connection: Estafette ${estafette.idleKb.slope.toFixed(0)} (PSS growth, second half` +
          `${estafette.idleKb.live === null ? '' : `; ${estafette.idleKb.live.toFixed(0)} live`}), ` +
          `Dovecot ${dovecot.idleKb.total.toFixed(0)} (total PSS / connections) — goal < 64 KiB`,
      );
  }
  if (targets.some((kind) => runs[kind].length < opts.rounds)) process.exitCode = 1;
}

/** One server's whole measurement (start, seed, both mixes, idle memory), or null when it failed. */
async function benchServer(kind, opts, users) {
  const workDir = mkdtempSync(join(tmpdir(), `estafette-bench-imap-${kind}-`));
  const port = await portAbove22000();
  const server =
    kind === 'dovecot'
      ? new DovecotImap({ workDir, port, connections: Math.max(opts.idle, opts.clients) })
      : new EstafetteImap({ workDir, port, mainJs: opts.mainJs, postgres: opts.postgres, nodeArgs: opts.nodeArgs });
  console.log(`\n${kind === 'dovecot' ? 'Dovecot' : 'Estafette'} (work dir ${workDir})`);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${opts.timeoutMs / 60_000} minutes`)), opts.timeoutMs);
  });
  const stop = () => void server.stop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    return await Promise.race([measureServer(server, opts, users), timeout]);
  } catch (error) {
    console.log(`  failed: ${error.message}\n${server.logTail()}`);
    return null;
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', stop);
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Each mix's median rate over the runs; the idle memory of the first run that measured it. */
function medianResult(results) {
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  return {
    mix1: { rate: median(results.map((r) => r.mix1.rate)) },
    mix2: { rate: median(results.map((r) => r.mix2.rate)) },
    idleKb: results.find((r) => r.idleKb)?.idleKb ?? null,
  };
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
