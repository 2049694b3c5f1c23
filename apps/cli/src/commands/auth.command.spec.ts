import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { signedInApi, testRuntime, type FakeApi } from '../testing/fake-api';

const ORG = { id: 'o1', name: 'First Organization', maxMessageSizeKb: 10240, maxRecipientsPerMessage: 5000 };

/** Several command lines in one home directory, as a person runs them one after another. */
function session(api: FakeApi, env: Record<string, string | undefined> = {}) {
  const t = testRuntime(api.fetch, env);
  let mark = { out: 0, err: 0 };
  return {
    home: t.homeDir,
    credentialsPath: join(t.homeDir, '.config', 'estafette', 'credentials.json'),
    async run(...argv: string[]) {
      const code = await runCli(argv, t.runtime);
      const result = { code, stdout: t.stdout().slice(mark.out), stderr: t.stderr().slice(mark.err) };
      mark = { out: t.stdout().length, err: t.stderr().length };
      return result;
    },
  };
}

describe('estafette login | logout', () => {
  it('stores a token (mode 0600) that later commands use without signing in again', async () => {
    const api = signedInApi().json('GET', '/api/organization', ORG);
    const s = session(api);
    const login = await s.run('login', '--user', 'administrator', '--password', 'secret');
    expect(login).toMatchObject({
      code: 0,
      stdout: 'signed in to http://estafette.test as administrator until 2030-01-01T00:00:00.000Z\n',
    });
    expect(statSync(s.credentialsPath).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(s.credentialsPath, 'utf8'))).toEqual({
      url: 'http://estafette.test',
      token: 'token-of-administrator',
      username: 'administrator',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });

    const show = await s.run('org', 'show');
    expect(show.code).toBe(0);
    expect(api.requests.filter((r) => r.path === '/api/auth/token')).toHaveLength(1);
    expect(api.requests.at(-1)).toMatchObject({
      path: '/api/organization',
      authorization: 'Bearer token-of-administrator',
    });

    const logout = await s.run('logout');
    expect(logout).toMatchObject({ code: 0, stdout: 'signed out of http://estafette.test\n' });
    expect(api.requests.at(-1)).toMatchObject({
      path: '/api/auth/logout',
      authorization: 'Bearer token-of-administrator',
    });
    expect(existsSync(s.credentialsPath)).toBe(false);

    const after = await s.run('org', 'show');
    expect(after).toMatchObject({ code: 3, stdout: '', stderr: 'estafette: not signed in: run estafette login\n' });
  });

  it('uses XDG_CONFIG_HOME for the credentials file', async () => {
    const api = signedInApi();
    const t = testRuntime(api.fetch);
    const xdg = join(t.homeDir, 'xdg');
    t.runtime.env['XDG_CONFIG_HOME'] = xdg;
    expect(await runCli(['login', '--user', 'administrator', '--password', 'secret'], t.runtime)).toBe(0);
    expect(existsSync(join(xdg, 'estafette', 'credentials.json'))).toBe(true);
  });

  it('signs in with ESTAFETTE_USER and ESTAFETTE_PASSWORD', async () => {
    const api = signedInApi();
    const s = session(api, { ESTAFETTE_USER: 'administrator', ESTAFETTE_PASSWORD: 'secret' });
    expect((await s.run('login', '--json')).stdout).toContain('"username": "administrator"');
  });

  it('refuses a wrong password with the authentication exit code and stores nothing', async () => {
    const s = session(signedInApi());
    const run = await s.run('login', '--user', 'administrator', '--password', 'wrong');
    expect(run).toMatchObject({
      code: 3,
      stdout: '',
      stderr: 'estafette: sign-in as administrator failed: wrong user name or password\n',
    });
    expect(existsSync(s.credentialsPath)).toBe(false);
  });

  it('needs a user name and a password when there is no terminal to ask', async () => {
    const s = session(signedInApi());
    expect(await s.run('login')).toMatchObject({
      code: 2,
      stderr: 'estafette: no user name: pass --user or set ESTAFETTE_USER\n',
    });
    expect(await s.run('login', '--user', 'administrator')).toMatchObject({
      code: 2,
      stderr: 'estafette: no password for administrator: pass --password or set ESTAFETTE_PASSWORD\n',
    });
    expect(await s.run('org', 'show', '--password', 'secret')).toMatchObject({
      code: 2,
      stderr: 'estafette: --password needs a user name: add --user or set ESTAFETTE_USER\n',
    });
  });

  it('asks for the user name and password on a terminal', async () => {
    const api = signedInApi();
    const t = testRuntime(api.fetch);
    const asked: string[] = [];
    t.runtime.prompts = {
      line: async (q) => (asked.push(q), 'administrator'),
      secret: async (q) => (asked.push(q), 'secret'),
    };
    expect(await runCli(['login'], t.runtime)).toBe(0);
    expect(asked).toEqual(['User name: ', 'Password for administrator: ']);
  });

  it('does not use a token stored for another server', async () => {
    const api = signedInApi().json('GET', '/api/organization', ORG);
    const s = session(api);
    await s.run('login', '--user', 'administrator', '--password', 'secret', '--url', 'http://other.test');
    const run = await s.run('org', 'show');
    expect(run).toMatchObject({
      code: 3,
      stderr:
        'estafette: not signed in to http://estafette.test (signed in to http://other.test): run estafette login\n',
    });
    expect((await s.run('org', 'show', '--url', 'http://other.test/')).code).toBe(0);
  });

  it('signs out locally when the server is gone, and says so', async () => {
    const api = signedInApi();
    const s = session(api);
    await s.run('login', '--user', 'administrator', '--password', 'secret');
    api.on('POST', '/api/auth/logout', () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    });
    const logout = await s.run('logout');
    expect(logout).toMatchObject({
      code: 0,
      stdout: 'signed out of http://estafette.test\n',
      stderr: 'could not reach http://estafette.test to revoke the token; it stays valid until it expires\n',
    });
    expect(existsSync(s.credentialsPath)).toBe(false);
    expect(await s.run('logout')).toMatchObject({ code: 0, stdout: 'not signed in\n' });
  });

  it('replaces an older token at the next login and revokes it', async () => {
    const api = signedInApi();
    const s = session(api);
    await s.run('login', '--user', 'administrator', '--password', 'secret');
    await s.run('login', '--user', 'helpdesk', '--password', 'secret');
    expect(api.requests.at(-1)).toMatchObject({
      path: '/api/auth/logout',
      authorization: 'Bearer token-of-administrator',
    });
    expect(JSON.parse(readFileSync(s.credentialsPath, 'utf8'))).toMatchObject({ token: 'token-of-helpdesk' });
  });
});

describe('estafette whoami', () => {
  it('shows the signed-in user and roles', async () => {
    const api = signedInApi().json('GET', '/api/auth/session', {
      recipientId: 'r1',
      alias: 'administrator',
      displayName: 'Administrator',
      roles: [{ id: 'g1', recipientId: 'r1', role: 'full-administrator', scopeType: 'organization', scopeId: null }],
    });
    const s = session(api, { ESTAFETTE_USER: 'administrator', ESTAFETTE_PASSWORD: 'secret' });
    const run = await s.run('whoami');
    expect(run.stdout).toBe(
      'Alias:         administrator\nDisplay name:  Administrator\nRoles:         full-administrator (organization)\n',
    );
  });
});
