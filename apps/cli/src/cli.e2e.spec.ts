import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The real server, booted in-process as the server's own end-to-end specs do (apps/admin-e2e imports it the same way).

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
    env = {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      ESTAFETTE_URL: server.baseUrl,
    };
  });

  afterAll(async () => {
    await server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await run('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  describe('signing in', () => {
    it('refuses a wrong password with exit code 3 and stores nothing', async () => {
      const result = await run('login', '--user', 'administrator', '--password', 'not-the-password');
      expect(result).toEqual({
        code: 3,
        stdout: '',
        stderr: 'estafette: sign-in as administrator failed: wrong user name or password\n',
      });
      expect(existsSync(join(home, 'config/estafette/credentials.json'))).toBe(false);
    });

    it('asks to sign in when there are no credentials', async () => {
      expect(await run('org', 'show')).toEqual({
        code: 3,
        stdout: '',
        stderr: 'estafette: not signed in: run estafette login\n',
      });
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
      const { token } = JSON.parse(readFileSync(join(home, 'config/estafette/credentials.json'), 'utf8')) as {
        token: string;
      };
      await fetch(`${server.baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await run('org', 'show')).toEqual({
        code: 3,
        stdout: '',
        stderr: 'estafette: not signed in: run estafette login\n',
      });
      await run('logout');
    });

    it('says so when the server is down', async () => {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const result = await estafette(['org', 'show'], { ...env, ...admin, ESTAFETTE_URL: url });
      expect(result).toEqual({
        code: 4,
        stdout: '',
        stderr: `estafette: cannot reach the Estafette server at ${url}: is it running?\n`,
      });
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
      const audit = await json<Array<{ action: string; objectType: string; actorName: string }>>(
        'audit',
        '--limit',
        '5',
        '--type',
        'organization',
      );
      expect(audit[0]).toMatchObject({ action: 'update', objectType: 'organization', actorName: 'Administrator' });
      const table = await runAsAdmin('audit', '--limit', '1');
      expect(table.stdout.split('\n')[0]).toMatch(/^TIME +ACTOR +CLIENT +ACTION +OBJECT TYPE +OBJECT$/);
    });

    it("passes on the server's validation errors with exit code 1", async () => {
      const result = await runAsAdmin('org', 'set', '--name', 'bad/name');
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: 'estafette: name: name must not contain \\ / " < > | * ? :\n',
      });
      expect((await runAsAdmin('org', 'set', '--max-recipients', '0')).code).toBe(2);
    });
  });

  describe('recipients', () => {
    interface Summary {
      alias: string;
      kind: string;
      primarySmtpAddress: string | null;
    }

    it('adds users, with a store and a container named by name', async () => {
      const first = await runAsAdmin(
        'user',
        'add',
        'jdoe',
        '--password',
        'N3w-Passw0rd!',
        '--first',
        'John',
        '--last',
        'Doe',
      );
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^Alias: +jdoe$/m);
      expect(first.stdout).toMatch(/^Display name: +John Doe$/m);
      expect(first.stdout).toMatch(/^Email: +\S+@test\.example$/m);

      const stores = await json<Array<{ id: string; name: string; kind: string }>>(
        'store',
        'list',
        '--kind',
        'mailbox',
      );
      const created = await json<{ mailboxStoreId: string; containerId: string; displayName: string }>(
        'user',
        'add',
        'asmith',
        '--password',
        'N3w-Passw0rd!',
        '--name',
        'Anna Smith',
        '--store',
        stores[0].name.toUpperCase(),
        '--ou',
        'users',
      );
      const containers = await json<Array<{ id: string; name: string }>>('ou', 'list');
      expect(created).toMatchObject({
        displayName: 'Anna Smith',
        mailboxStoreId: stores[0].id,
        containerId: containers.find((c) => c.name === 'Users')?.id,
      });
    });

    it("refuses a taken alias and an invalid one with the server's message", async () => {
      const taken = await runAsAdmin('user', 'add', 'JDOE', '--password', 'N3w-Passw0rd!');
      expect(taken.code).toBe(1);
      expect(taken.stdout).toBe('');
      expect(taken.stderr).toMatch(/^estafette: \S.*\n$/);
      const invalid = await runAsAdmin('user', 'add', 'bad..alias', '--password', 'N3w-Passw0rd!');
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toMatch(/^estafette: alias: .+\n$/);
      const short = await runAsAdmin('user', 'add', 'shorty', '--password', 'short');
      expect(short.code).toBe(1);
      expect(short.stderr).toMatch(/^estafette: .*password.*\n$/);
    });

    it('lists users as a table, by prefix, and page by page', async () => {
      const table = await runAsAdmin('user', 'list');
      expect(table.code).toBe(0);
      expect(table.stdout.split('\n')[0]).toMatch(/^ALIAS +DISPLAY NAME +EMAIL +ID$/);
      expect(table.stdout).toMatch(/^jdoe +John Doe +\S+@test\.example/m);

      const search = await json<{ items: Summary[] }>('user', 'list', '--search', 'jo');
      expect(search.items.map((u) => u.alias)).toEqual(['jdoe']);

      const onePage = await runAsAdmin('user', 'list', '--limit', '1');
      expect(onePage.stdout.trim().split('\n')).toHaveLength(2);
      expect(onePage.stderr).toMatch(/^more users: add --all, or --cursor \S+\n$/);
      const all = await json<{ items: Summary[]; nextCursor: string | null }>('user', 'list', '--limit', '1', '--all');
      expect(all.items.map((u) => u.alias).sort()).toEqual(['administrator', 'asmith', 'jdoe']);
      expect(all.nextCursor).toBeNull();
    });

    it('shows a user, and reports an unknown one', async () => {
      const show = await runAsAdmin('user', 'show', 'JDoe');
      expect(show.code).toBe(0);
      expect(show.stdout).toMatch(/^First name: +John$/m);
      expect(show.stdout).toMatch(/^Container: +Users$/m);
      expect(show.stdout).toMatch(/^Mailbox store: +Mailbox Store \(MAIL1\)$/im);
      expect(await runAsAdmin('user', 'show', 'nobody')).toEqual({
        code: 1,
        stdout: '',
        stderr: 'estafette: no user with alias or id "nobody"\n',
      });
    });

    it("sets a user's password, which then signs in", async () => {
      const changed = await runAsAdmin('user', 'passwd', 'jdoe', '--password', 'An0ther-Passw0rd!');
      expect(changed).toEqual({ code: 0, stdout: 'password changed for jdoe\n', stderr: '' });
      const asJohn = await estafette(['whoami'], {
        ...env,
        ESTAFETTE_USER: 'jdoe',
        ESTAFETTE_PASSWORD: 'An0ther-Passw0rd!',
      });
      expect(asJohn.stdout).toMatch(/^Alias: +jdoe$/m);
    });

    it('adds a contact and a distribution group, and lists its members', async () => {
      const contact = await runAsAdmin(
        'contact',
        'add',
        'partner',
        '--email',
        'jane@partner.example',
        '--name',
        'Jane Roe',
      );
      expect(contact.stderr).toBe('');
      expect(contact.stdout).toMatch(/^Target address: +jane@partner\.example$/m);

      const group = await runAsAdmin('group', 'add', 'Sales Team', '--member', 'jdoe', 'asmith', '--member', 'partner');
      expect(group.stderr).toBe('');
      expect(group.stdout).toMatch(/^Alias: +SalesTeam$/m);
      expect(group.stdout).toMatch(/^Members: +3$/m);

      const members = await json<Summary[]>('group', 'members', 'sales team');
      expect(members.map((m) => `${m.kind}:${m.alias}`).sort()).toEqual([
        'contact:partner',
        'user:asmith',
        'user:jdoe',
      ]);
      const table = await runAsAdmin('group', 'members', 'SalesTeam');
      expect(table.stdout.split('\n')[0]).toMatch(/^ALIAS +KIND +DISPLAY NAME +EMAIL$/);
      const expanded = await json<Summary[]>('group', 'members', 'SalesTeam', '--expanded');
      expect(expanded.map((m) => m.alias).sort()).toEqual(['asmith', 'jdoe', 'partner']);

      const ghost = await runAsAdmin('group', 'add', 'Ghosts', '--member', 'ghost');
      expect(ghost).toEqual({ code: 1, stdout: '', stderr: 'estafette: no recipient with alias or id "ghost"\n' });
    });

    it('deletes a user', async () => {
      const deleted = await runAsAdmin('user', 'delete', 'asmith');
      expect(deleted.code).toBe(0);
      expect(deleted.stdout).toMatch(/^deleted user asmith \(/);
      expect((await runAsAdmin('user', 'show', 'asmith')).code).toBe(1);
    });
  });

  describe('domains and policies', () => {
    it('adds and lists domains', async () => {
      const added = await runAsAdmin('domain', 'add', 'example.org');
      expect(added).toEqual({ code: 0, stdout: 'added domain example.org\n', stderr: '' });
      const list = await runAsAdmin('domain', 'list');
      expect(list.stdout.split('\n')[0]).toMatch(/^DOMAIN +DEFAULT PRIMARY +POLICIES$/);
      expect(list.stdout).toMatch(/^test\.example +yes +Default Policy$/m);
      expect(list.stdout).toMatch(/^example\.org +no +Default Policy$/m);
      const bad = await runAsAdmin('domain', 'add', 'not a domain');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^estafette: .+\n$/);
    });

    it('lists and applies recipient policies', async () => {
      const list = await runAsAdmin('policy', 'list');
      expect(list.stdout).toMatch(/^Default Policy +default +\*\S+@test\.example/m);
      const all = await runAsAdmin('policy', 'apply');
      expect(all.code).toBe(0);
      expect(all.stdout).toMatch(
        /^applied all recipient policies: \d+ recipients checked, \d+ updated, \d+ addresses added, \d+ removed\n$/,
      );
      const one = await json<{ recipientsChecked: number }>('policy', 'apply', 'default policy');
      expect(one.recipientsChecked).toBeGreaterThan(0);
      expect((await runAsAdmin('policy', 'apply', 'Nope')).code).toBe(1);
    });
  });

  describe('topology', () => {
    it('lists servers and stores', async () => {
      const servers = await runAsAdmin('server', 'list');
      expect(servers.stdout).toMatch(/^mail1\.test\.example +First Administrative Group +First Routing Group +\S+/m);
      const stores = await runAsAdmin('store', 'list');
      expect(stores.stdout).toMatch(/^Mailbox Store \(MAIL1\) +mailbox +mail1\.test\.example +yes +\d+/im);
      expect(stores.stdout).toMatch(/^Public Folder Store \(MAIL1\) +public/im);
    });
  });
});
