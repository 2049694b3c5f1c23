// Starts the built Estafette server as a child process and stops it again by its PID.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const LISTENER_PORT_VARIABLES = [
  'ESTAFETTE_SMTP_PORT',
  'ESTAFETTE_SUBMISSION_PORT',
  'ESTAFETTE_SMTPS_PORT',
  'ESTAFETTE_IMAP_PORT',
  'ESTAFETTE_IMAPS_PORT',
  'ESTAFETTE_POP3_PORT',
  'ESTAFETTE_POP3S_PORT',
  'ESTAFETTE_NNTP_PORT',
  'ESTAFETTE_LDAP_PORT',
];

/** A TCP port nothing listens on right now (the kernel picks it). */
export async function freePort() {
  const probe = createServer();
  await new Promise((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** user + system CPU seconds of a process, from /proc (Linux); null elsewhere. */
export function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Resident set size in MB, from /proc (Linux); null elsewhere. */
export function rssMbOf(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The variables of ESTAFETTE_BENCH_SERVER_ENV, and the two diagnostics passed on by name. */
function serverEnvFrom(outer) {
  const env = {};
  for (const name of ['ESTAFETTE_SQL_STATS', 'ESTAFETTE_PGLITE_WORKER']) if (outer[name]) env[name] = outer[name];
  for (const pair of (outer.ESTAFETTE_BENCH_SERVER_ENV ?? '').split(/\s+/).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

export class ServerProcess {
  /**
   * @param {object} options
   * @param {string} options.mainJs  dist/server/apps/server/src/main.js
   * @param {string} options.workDir  a fresh directory: the data directory and the server log go here
   * @param {string | undefined} options.databaseUrl  PostgreSQL, or undefined for PGlite
   * @param {string} options.adminPassword
   * @param {Record<string, string>} [options.env]  more environment (a fixed listener port, say)
   * @param {string[]} [options.nodeArgs]  options for node itself (--cpu-prof, say)
   */
  constructor(options) {
    this.options = options;
    this.child = null;
    this.exited = null;
    this.dataDir = join(options.workDir, 'data');
    this.logPath = join(options.workDir, 'server.log');
  }

  get pid() {
    return this.child?.pid ?? null;
  }

  async start() {
    const port = await freePort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NO_COLOR: '1',
      ESTAFETTE_DATA_DIR: this.dataDir,
      ESTAFETTE_HTTP_PORT: String(port),
      ESTAFETTE_BIND: '127.0.0.1',
      ESTAFETTE_STANDARD_PORTS: 'false',
      ESTAFETTE_ADMIN_PASSWORD: this.options.adminPassword,
      ESTAFETTE_HOSTNAME: 'bench1.bench.example',
      ESTAFETTE_DOMAIN: 'bench.example',
      // Listeners this benchmark does not use take whatever port is free, so that no run collides with another.
      ...Object.fromEntries(LISTENER_PORT_VARIABLES.map((name) => [name, '0'])),
      ...(this.options.databaseUrl ? { DATABASE_URL: this.options.databaseUrl } : {}),
      // Tuning and diagnostics the person running the benchmark asks for (ESTAFETTE_SQL_STATS, the queue's
      // ESTAFETTE_DELIVERY_CONCURRENCY, …): ESTAFETTE_BENCH_SERVER_ENV="NAME=VALUE NAME=VALUE".
      ...serverEnvFrom(process.env),
      ...this.options.env,
    };
    const log = createWriteStream(this.logPath);
    this.child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), this.options.mainJs], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout.pipe(log);
    this.child.stderr.pipe(log);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Polls GET /api/health until it answers, the process dies, or the time is up. */
  async waitHealthy(timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let exit = null;
    void this.exited.then((e) => (exit = e));
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      if (exit)
        throw new Error(
          `the server exited (code ${exit.code}, signal ${exit.signal}) before it was up:\n${this.logTail()}`,
        );
      try {
        const res = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(Math.min(100 + attempt * 20, 500));
    }
    throw new Error(`the server did not answer GET /api/health within ${timeoutMs / 1000} s:\n${this.logTail()}`);
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 10_000) {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    process.kill(this.child.pid, 'SIGTERM');
    const timer = sleep(graceMs).then(() => 'timeout');
    if ((await Promise.race([this.exited, timer])) === 'timeout') {
      process.kill(this.child.pid, 'SIGKILL');
      await this.exited;
    }
  }

  logTail(lines = 30) {
    if (!existsSync(this.logPath)) return '(no server log)';
    return readFileSync(this.logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }
}
