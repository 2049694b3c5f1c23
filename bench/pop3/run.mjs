#!/usr/bin/env node
// POP3 benchmark: RETR+DELE cycles from C clients until N messages are drained, against Estafette (the
// built server, a child process with a fresh data directory, its Inboxes filled over SMTP first) and
// against Dovecot (Debian's dovecot-pop3d, configured here in a private directory, Maildirs filled with
// the same messages). Prints messages per second for both, the ratio, and the CPU each side used,
// the load generator included. See bench/README.md.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchApi } from '../directory/lib/api.mjs';
import { createDatabase } from '../directory/lib/postgres-database.mjs';
import { cpuSecondsOf, freePort, ServerProcess } from '../directory/lib/server-process.mjs';
import { DovecotPop3, dovecotAvailable } from './lib/dovecot-pop3.mjs';
import { Pop3Client } from './lib/pop3-client.mjs';
import { seedOverSmtp } from './lib/smtp-seeder.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_MAIN_JS = join(ROOT, 'dist/server/apps/server/src/main.js');
const DOMAIN = 'bench.example';
const PASSWORD = 'Pop3-Bench-Passw0rd!';
const ADMIN_PASSWORD = 'Bench-Admin-Passw0rd!';

const USAGE = `usage: node bench/pop3/run.mjs [options]

  --messages N       messages to drain (default 29700, spread evenly over the clients' mailboxes)
  --clients N        parallel POP3 clients, each draining its own mailbox (default 8)
  --batch N          messages retrieved and deleted per session before QUIT (default 100)
  --seed N           seed of the generated messages (default 1)
  --postgres [URL]   run Estafette on PostgreSQL (a fresh database, dropped afterwards) instead of PGlite
  --no-reference     skip Dovecot
  --no-estafette     only Dovecot
  --timeout-min N    give up on a run after this many minutes (default 20)
  --server PATH      the server's main.js (default dist/server/apps/server/src/main.js)
  --help             this text

Needs the built server (npm run build:server) and, for the reference, root and dovecot-pop3d.`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '29700' },
      clients: { type: 'string', default: '8' },
      batch: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      postgres: { type: 'string' },
      'no-reference': { type: 'boolean', default: false },
      'no-estafette': { type: 'boolean', default: false },
      'timeout-min': { type: 'string', default: '20' },
      server: { type: 'string', default: DEFAULT_MAIN_JS },
      help: { type: 'boolean', default: false },
    },
  });
  const int = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  return {
    help: values.help,
    messages: int('messages'),
    clients: int('clients'),
    batch: int('batch'),
    seed: int('seed'),
    postgres: values.postgres === undefined ? null : values.postgres || 'postgres://postgres@127.0.0.1:5432/postgres',
    reference: !values['no-reference'],
    estafette: !values['no-estafette'],
    timeoutMs: int('timeout-min') * 60_000,
    server: values.server,
  };
}

/** A free port above 21000 (the reference's own, away from any other Dovecot on the machine). */
async function highPort() {
  for (let i = 0; i < 50; i++) {
    const port = 21000 + Math.floor(Math.random() * 9000);
    const taken = await new Promise((done) => {
      import('node:net').then(({ createServer }) => {
        const probe = createServer();
        probe.once('error', () => done(true));
        probe.listen(port, '127.0.0.1', () => probe.close(() => done(false)));
      });
    });
    if (!taken) return port;
  }
  throw new Error('no free port above 21000');
}

/**
 * Each client drains its own mailbox: sessions of LOGIN, STAT, then RETR n + DELE n for up to `batch`
 * messages, QUIT (the deletions happen there), until STAT says 0. Returns the messages drained.
 */
async function drain({ port, users, batch, deadline, onProgress }) {
  let drained = 0;
  let sessions = 0;
  let octets = 0;
  const worker = async (user) => {
    for (;;) {
      if (Date.now() > deadline) throw new Error('time limit reached while draining');
      const client = await Pop3Client.connect(port);
      await client.login(user, PASSWORD);
      const [count] = await client.stat();
      const n = Math.min(count, batch);
      for (let i = 1; i <= n; i++) {
        // Not "octets += await …": that would read the shared total before another client adds to it.
        const received = await client.multiline(`RETR ${i}`);
        octets += received;
        await client.command(`DELE ${i}`);
      }
      await client.quit();
      sessions++;
      drained += n;
      onProgress?.(drained);
      if (count === n) return;
    }
  };
  await Promise.all(users.map(worker));
  return { drained, sessions, octets };
}

async function measure(label, target, run, serverCpu) {
  const cpuBefore = process.cpuUsage();
  const serverBefore = serverCpu();
  const start = performance.now();
  let lastReport = 0;
  const result = await run((done) => {
    if (done - lastReport >= Math.max(1000, target / 10)) {
      lastReport = done;
      process.stdout.write(`  ${label}: ${done} / ${target} drained\n`);
    }
  });
  const seconds = (performance.now() - start) / 1000;
  const client = process.cpuUsage(cpuBefore);
  const clientCpu = (client.user + client.system) / 1e6;
  const server = serverCpu() - serverBefore;
  return { ...result, seconds, rate: result.drained / seconds, clientCpu, serverCpu: server };
}

function report(label, m) {
  const total = m.clientCpu + m.serverCpu;
  console.log(
    `${label.padEnd(10)} ${String(m.drained).padStart(6)} msgs in ${m.seconds.toFixed(1).padStart(6)} s = ${m.rate
      .toFixed(0)
      .padStart(
        5,
      )} msg/s  (${m.sessions} sessions, ${(m.octets / 1048576).toFixed(0)} MiB; CPU s: server ${m.serverCpu.toFixed(
      1,
    )}, load generator ${m.clientCpu.toFixed(1)} = ${((100 * m.clientCpu) / Math.max(total, 1e-9)).toFixed(0)}% of the CPU used)`,
  );
}

async function runEstafette(options, users, perUser) {
  const workDir = mkdtempSync(join(tmpdir(), 'estafette-bench-pop3-'));
  const database = options.postgres ? await createDatabase(options.postgres) : null;
  const pop3Port = await freePort();
  const smtpPort = await freePort();
  const server = new ServerProcess({
    mainJs: options.server,
    workDir,
    databaseUrl: database?.url,
    adminPassword: ADMIN_PASSWORD,
    env: { ESTAFETTE_POP3_PORT: String(pop3Port), ESTAFETTE_SMTP_PORT: String(smtpPort) },
    // Options for node itself (a CPU profile: --cpu-prof --cpu-prof-dir=DIR), as bench/smtp takes them.
    nodeArgs: process.env.ESTAFETTE_BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  });
  try {
    await server.start();
    await server.waitHealthy(120_000);
    const anonymous = new BenchApi(server.baseUrl);
    const { token } = await anonymous.request('POST', '/api/auth/token', {
      username: 'administrator',
      password: ADMIN_PASSWORD,
    });
    const api = new BenchApi(server.baseUrl, token);
    for (const alias of users)
      await api.request('POST', '/api/recipients', {
        kind: 'user',
        alias,
        firstName: alias,
        lastName: 'Bench',
        password: PASSWORD,
      });
    // TLS is off on both sides (the fair-comparison rule): allow USER/PASS in clear over loopback.
    const [me] = (await api.request('GET', '/api/servers')).filter((s) => s.name === 'bench1.bench.example');
    const pop3 = (await api.request('GET', `/api/servers/${me.id}/virtual-servers`)).find((v) => v.protocol === 'pop3');
    await api.request('PATCH', `/api/virtual-servers/${pop3.id}`, { settings: { allowPlaintextAuth: true } });

    console.log(`Estafette: seeding ${perUser * users.length} messages over SMTP …`);
    const seedStart = performance.now();
    await seedOverSmtp({
      port: smtpPort,
      users: users.map((u) => `${u}@${DOMAIN}`),
      perUser,
      sessions: 8,
      seed: options.seed,
      onProgress: (sent, total) => process.stdout.write(`  seeded ${sent} / ${total}\n`),
    });
    // Delivery is asynchronous (queue -> store): wait until every Inbox holds its share.
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      let stored = 0;
      let allowed = true;
      for (const user of users) {
        const client = await Pop3Client.connect(pop3Port);
        try {
          await client.login(user, PASSWORD);
          stored += (await client.stat())[0];
          await client.quit();
        } catch {
          allowed = false; // the listener has not taken the plaintext setting yet
          client.close();
        }
      }
      if (allowed && stored >= perUser * users.length) break;
      if (Date.now() > deadline) throw new Error(`only ${stored} messages were delivered in time`);
      await sleep(500);
    }
    console.log(`  seeded and delivered in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    return await measure(
      'Estafette',
      perUser * users.length,
      (onProgress) => drain({ port: pop3Port, users, batch: options.batch, deadline, onProgress }),
      () => cpuSecondsOf(server.pid) ?? 0,
    );
  } finally {
    await server.stop();
    await database?.drop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function runDovecot(options, users, perUser) {
  const workDir = mkdtempSync(join(tmpdir(), 'estafette-bench-dovecot-pop3-'));
  // Dovecot's auth process runs as the dovecot user and must reach the passwd file.
  chmodSync(workDir, 0o755);
  const dovecot = new DovecotPop3({ workDir, port: await highPort() });
  try {
    console.log(`Dovecot: seeding ${perUser * users.length} messages into Maildirs …`);
    dovecot.seed(users, perUser, options.seed);
    await dovecot.start(users, PASSWORD);
    const deadline = Date.now() + options.timeoutMs;
    return await measure(
      'Dovecot',
      perUser * users.length,
      (onProgress) => drain({ port: dovecot.options.port, users, batch: options.batch, deadline, onProgress }),
      () => dovecot.cpuSeconds(),
    );
  } finally {
    await dovecot.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  const users = Array.from({ length: options.clients }, (_, i) => `pop${i + 1}`);
  const perUser = Math.ceil(options.messages / options.clients);
  console.log(
    `POP3 RETR+DELE: ${perUser * users.length} messages, ${users.length} clients, ${options.batch} per session; ` +
      `${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${options.postgres ? 'PostgreSQL' : 'PGlite'}`,
  );
  const results = {};
  if (options.estafette) results.estafette = await runEstafette(options, users, perUser);
  if (options.reference) {
    const missing = dovecotAvailable();
    if (missing) console.log(`Dovecot skipped: ${missing}`);
    else results.dovecot = await runDovecot(options, users, perUser);
  }
  console.log('');
  if (results.estafette) report('Estafette', results.estafette);
  if (results.dovecot) report('Dovecot', results.dovecot);
  if (results.estafette && results.dovecot)
    console.log(`ratio Estafette / Dovecot: ${(results.estafette.rate / results.dovecot.rate).toFixed(2)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
