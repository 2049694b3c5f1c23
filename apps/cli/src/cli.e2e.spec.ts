import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../../server/src/testing/test-server';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/estafette.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI as people run it: `node bin/estafette.js …` in a child process, against
 * the real server booted in this process. The child must not block this event
 * loop (the server answers from it), hence execFile and not execFileSync.
 */
function estafette(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolvePromise({ code, stdout, stderr });
    });
  });
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return port;
}

describe('estafette CLI against the real server', () => {
  let server: TestServer;
  let home: string;
  /** A clean environment: nothing of the caller's ESTAFETTE_* settings or credentials leaks in. */
  let env: Record<string, string>;
  const admin = { ESTAFETTE_USER: 'administrator', ESTAFETTE_PASSWORD: TEST_ADMIN_PASSWORD };
  const run = (...args: string[]) => estafette(args, env);
  const runAsAdmin = (...args: string[]) => estafette(args, { ...env, ...admin });
  const json = async <T>(...args: string[]): Promise<T> => {
    const result = await runAsAdmin(...args, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as T;
  };

  beforeAll(async () => {
    // Build the bundle once, so that no CLI run below pays for (or races on) a build.
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
    server = await startTestServer();
    home = mkdtempSync(join(tmpdir(), 'estafette-cli-e2e-'));
    env = { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: join(home, 'config'), ESTAFETTE_URL: server.baseUrl };
  });

  afterAll(async () => {
    await server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  describe('signing in', () => {
    it('refuses a wrong password with exit code 3 and stores nothing', async () => {
      const result = await run('login', '--user', 'administrator', '--password', 'not-the-password');
      expect(result).toEqual({ code: 3, stdout: '', stderr: 'estafette: sign-in as administrator failed: wrong user name or password\n' });
      expect(existsSync(join(home, 'config/estafette/credentials.json'))).toBe(false);
    });

    it('asks to sign in when there are no credentials', async () => {
      expect(await run('org', 'show')).toEqual({ code: 3, stdout: '', stderr: 'estafette: not signed in: run estafette login\n' });
    });

    it('logs in, keeps the token in a 0600 file and uses it, then logs out', async () => {
      const login = await run('login', '--user', 'administrator', '--password', TEST_ADMIN_PASSWORD);
      expect(login.stderr).toBe('');
      expect(login.code).toBe(0);
      expect(login.stdout).toMatch(new RegExp(`^signed in to ${server.baseUrl} as administrator`));
      const file = join(home, 'config/estafette/credentials.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);

      const whoami = await run('whoami');
      expect(whoami.stdout).toMatch(/^Alias: +administrator$/m);
      expect(whoami.stdout).toMatch(/^Roles: +full-administrator \(organization\)$/m);

      expect(await run('logout')).toEqual({ code: 0, stdout: `signed out of ${server.baseUrl}\n`, stderr: '' });
      expect(existsSync(file)).toBe(false);
      expect((await run('whoami')).code).toBe(3);
    });

    it('reports a token the server no longer accepts', async () => {
      await run('login', '--user', 'administrator', '--password', TEST_ADMIN_PASSWORD);
      // Revoke the stored token behind the CLI's back: sign out through the API with it.
      const { readFileSync } = await import('node:fs');
      const { token } = JSON.parse(readFileSync(join(home, 'config/estafette/credentials.json'), 'utf8')) as { token: string };
      await fetch(`${server.baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(await run('org', 'show')).toEqual({ code: 3, stdout: '', stderr: 'estafette: not signed in: run estafette login\n' });
      await run('logout');
    });

    it('says so when the server is down', async () => {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const result = await estafette(['org', 'show'], { ...env, ...admin, ESTAFETTE_URL: url });
      expect(result).toEqual({ code: 4, stdout: '', stderr: `estafette: cannot reach the Estafette server at ${url}: is it running?\n` });
    });
  });

  describe('org', () => {
    it('shows the organisation as text and as JSON', async () => {
      const text = await runAsAdmin('org', 'show');
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^Name: +First Organization$/m);
      expect(text.stdout).toMatch(/^Max message size \(KB\): +10240$/m);
      expect(await json('org', 'show')).toMatchObject({ name: 'First Organization', maxMessageSizeKb: 10240 });
    });

    it('changes the delivery defaults and records the change in the audit log', async () => {
      const result = await runAsAdmin('org', 'set', '--max-recipients', '250', '--max-message-size', '20480');
      expect(result.code).toBe(0);
      expect(await json('org', 'show')).toMatchObject({ maxRecipientsPerMessage: 250, maxMessageSizeKb: 20480 });
      const audit = await json<Array<{ action: string; objectType: string; actorName: string }>>('audit', '--limit', '5', '--type', 'organization');
      expect(audit[0]).toMatchObject({ action: 'update', objectType: 'organization', actorName: 'Administrator' });
      const table = await runAsAdmin('audit', '--limit', '1');
      expect(table.stdout.split('\n')[0]).toMatch(/^TIME +ACTOR +CLIENT +ACTION +OBJECT TYPE +OBJECT$/);
    });

    it("passes on the server's validation errors with exit code 1", async () => {
      const result = await runAsAdmin('org', 'set', '--name', 'bad/name');
      expect(result).toEqual({ code: 1, stdout: '', stderr: 'estafette: name: name must not contain \\ / " < > | * ? :\n' });
      expect((await runAsAdmin('org', 'set', '--max-recipients', '0')).code).toBe(2);
    });
  });
});
