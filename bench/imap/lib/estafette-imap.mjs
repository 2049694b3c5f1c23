// The built Estafette server as the benchmark's IMAP target: a child process with a fresh data directory
// (PGlite, or a fresh PostgreSQL database), its IMAP listener on a fixed loopback port, users created
// through the REST API with the same password as the reference's passwd-file.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchApi } from '../../directory/lib/api.mjs';
import { createDatabase } from '../../directory/lib/postgres-database.mjs';
import { ServerProcess } from '../../directory/lib/server-process.mjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImapClient, quoted } from './imap-client.mjs';
import { cpuSeconds, rssKb, treePssKb } from './proc-stats.mjs';

const HEALTH_TIMEOUT_MS = 120_000;
const CREATE_CONCURRENCY = 4;

export class EstafetteImap {
  /** @param {{ workDir: string, port: number, mainJs: string, postgres: string | null, env?: Record<string, string>, nodeArgs?: string[] }} options */
  constructor(options) {
    this.options = options;
    this.server = null;
    this.database = null;
    this.gcReport = join(options.workDir, 'gc-report.json');
    this.live = null;
  }

  get label() {
    return this.database ? 'Estafette (PostgreSQL)' : 'Estafette (PGlite)';
  }

  get pid() {
    return this.server?.pid ?? null;
  }

  async start(users, password) {
    const { workDir, port, mainJs, postgres } = this.options;
    this.database = postgres ? await createDatabase(postgres) : null;
    const adminPassword = `Bench-${randomBytes(6).toString('hex')}-Adm1n!`;
    this.server = new ServerProcess({
      mainJs,
      workDir: join(workDir),
      databaseUrl: this.database?.url,
      adminPassword,
      nodeArgs: this.options.nodeArgs,
      env: { ESTAFETTE_IMAP_PORT: String(port), ESTAFETTE_BENCH_GC_REPORT: this.gcReport, ...this.options.env },
    });
    await this.server.start();
    await this.server.waitHealthy(HEALTH_TIMEOUT_MS);
    const { token } = await new BenchApi(this.server.baseUrl).request('POST', '/api/auth/token', {
      username: 'administrator',
      password: adminPassword,
    });
    const api = new BenchApi(this.server.baseUrl, token);
    let next = 0;
    const worker = async () => {
      while (next < users.length) {
        const alias = users[next++];
        await api.request('POST', '/api/recipients', {
          kind: 'user',
          alias,
          displayName: `Bench ${alias}`,
          firstName: 'Bench',
          lastName: alias,
          password,
        });
      }
    };
    await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
    // TLS is off on both sides (the fair-comparison rule): LOGIN in clear over loopback, as on Dovecot.
    const [me] = (await api.request('GET', '/api/servers')).filter((s) => s.name === 'bench1.bench.example');
    const imap = (await api.request('GET', `/api/servers/${me.id}/virtual-servers`)).find(
      (v) => v.protocol === 'imap4',
    );
    await api.request('PATCH', `/api/virtual-servers/${imap.id}`, { settings: { allowPlaintextAuth: true } });
    await this.untilPlaintextLogin(users[0], password);
  }

  /** The listener applies the setting asynchronously: try a LOGIN until it is accepted (bounded). */
  async untilPlaintextLogin(user, password) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const client = new ImapClient({ host: '127.0.0.1', port: this.options.port });
      try {
        await client.connect();
        await client.command(`LOGIN ${quoted(user)} ${quoted(password)}`);
        return;
      } catch {
        await sleep(200);
      } finally {
        client.close();
      }
    }
    throw new Error('the IMAP listener never accepted LOGIN in clear');
  }

  /** The server process alone (PGlite runs inside it); a PostgreSQL server's CPU is not counted. */
  cpuSeconds() {
    return this.pid ? cpuSeconds(this.pid) : 0;
  }

  memoryKb() {
    return this.pid ? treePssKb(this.pid) : 0;
  }

  /**
   * Memory (PSS) once the connections just opened have settled, after a full collection; the server thread's
   * live memory after that collection is kept for liveKb (lib/gc-on-signal.cjs).
   */
  async settledMemoryKb() {
    await sleep(2000);
    this.live = null;
    if (this.pid) {
      const asked = Date.now();
      process.kill(this.pid, 'SIGWINCH');
      for (let i = 0; i < 50 && !this.live; i++) {
        await sleep(100);
        const report = existsSync(this.gcReport) ? JSON.parse(readFileSync(this.gcReport, 'utf8')) : null;
        if (report && report.at >= asked) this.live = (report.heapUsed + report.external) / 1024;
      }
    }
    await sleep(500);
    return this.memoryKb();
  }

  /** KiB of the server thread's heap and external memory live after the last settledMemoryKb's collection. */
  liveKb() {
    return this.live ?? null;
  }

  rssKb() {
    return this.pid ? rssKb(this.pid) : 0;
  }

  logTail(lines = 20) {
    return this.server?.logTail(lines) ?? '';
  }

  async stop() {
    await this.server?.stop();
    await this.database?.drop();
    this.database = null;
  }
}
