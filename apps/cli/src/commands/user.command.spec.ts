import { describe, expect, it } from 'vitest';
import type { CreateRecipientRequest } from '@estafette/contracts';
import { directoryApi, runAgainst } from '../testing/fake-api';
import { MAILBOX_STORE, recipient, SALES_CONTAINER, USERS_CONTAINER } from '../testing/fixtures';

function withPlacement(api: ReturnType<typeof directoryApi>) {
  return api
    .json('GET', '/api/stores', [MAILBOX_STORE])
    .json('GET', '/api/recipient-containers', [USERS_CONTAINER, SALES_CONTAINER]);
}

describe('estafette user add', () => {
  it('creates a user, naming the store and the container by name', async () => {
    const api = withPlacement(directoryApi([])).on('POST', '/api/recipients', (req) => {
      const body = req.body as CreateRecipientRequest;
      return { status: 201, body: recipient('user', body.alias, { displayName: body.displayName ?? body.alias }) };
    });
    const run = await runAgainst(api, [
      'user',
      'add',
      'jdoe',
      '--password',
      'N3w-Passw0rd!',
      '--first',
      'John',
      '--last',
      'Doe',
      '--store',
      'mailbox store (mail1)',
      '--ou',
      'Sales',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const post = api.calls().find((r) => r.method === 'POST');
    expect(post?.body).toEqual({
      kind: 'user',
      alias: 'jdoe',
      displayName: 'John Doe',
      firstName: 'John',
      lastName: 'Doe',
      password: 'N3w-Passw0rd!',
      mailboxStoreId: MAILBOX_STORE.id,
      containerId: SALES_CONTAINER.id,
    });
    expect(api.calls().find((r) => r.path === '/api/stores')?.query).toEqual({ kind: 'mailbox' });
    expect(run.stdout).toMatch(/^Alias: +jdoe$/m);
    expect(run.stdout).toMatch(/^Display name: +John Doe$/m);
  });

  it("keeps --password after the command for the new user's password, the caller's before it", async () => {
    const api = directoryApi([]).on('POST', '/api/recipients', () => ({ status: 201, body: recipient('user', 'bob') }));
    const run = await runAgainst(
      api,
      ['--user', 'helpdesk', '--password', 'admin-pass', 'user', 'add', 'bob', '--password', 'B0b-Passw0rd!'],
      { ESTAFETTE_USER: undefined, ESTAFETTE_PASSWORD: undefined },
    );
    expect(run.code).toBe(0);
    expect(api.requests[0]).toMatchObject({
      path: '/api/auth/token',
      body: { username: 'helpdesk', password: 'admin-pass' },
    });
    expect(api.calls()[0]).toMatchObject({
      authorization: 'Bearer token-of-helpdesk',
      body: { alias: 'bob', password: 'B0b-Passw0rd!' },
    });
    // The token obtained for this one command is revoked afterwards.
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/auth/logout' });
  });

  it('needs --password and names a store that does not exist', async () => {
    const missing = await runAgainst(directoryApi([]), ['user', 'add', 'bob']);
    expect(missing).toMatchObject({
      code: 2,
      stderr: "estafette: required option '--password <password>' not specified\n",
    });
    const api = withPlacement(directoryApi([]));
    const unknown = await runAgainst(api, ['user', 'add', 'bob', '--password', 'x', '--store', 'Nope']);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: 'estafette: no mailbox store "Nope" (estafette store list lists them)\n',
    });
    expect(api.calls().some((r) => r.method === 'POST')).toBe(false);
  });
});

describe('estafette user list', () => {
  const users = ['alice', 'albert', 'bob', 'carol', 'dave'].map((alias) => recipient('user', alias));

  it('prints one page as a table and says how to get more', async () => {
    const run = await runAgainst(directoryApi(users), ['user', 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^ALIAS +DISPLAY NAME +EMAIL +ID$/);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
    expect(run.stderr).toBe('more users: add --all, or --cursor 2\n');
  });

  it('follows the cursors to the end with --all', async () => {
    const api = directoryApi(users);
    const run = await runAgainst(api, ['user', 'list', '--all', '--json']);
    const page = JSON.parse(run.stdout) as { items: Array<{ alias: string }>; nextCursor: string | null };
    expect(page.items.map((u) => u.alias)).toEqual(['alice', 'albert', 'bob', 'carol', 'dave']);
    expect(page.nextCursor).toBeNull();
    expect(api.calls().map((r) => r.query['cursor'])).toEqual([undefined, '2', '4']);
    expect(run.stderr).toBe('');
  });

  it('passes the search prefix and the container', async () => {
    const api = withPlacement(directoryApi(users));
    const run = await runAgainst(api, ['user', 'list', '--search', 'al', '--ou', 'Users', '--limit', '50']);
    expect(run.code).toBe(0);
    expect(api.calls().find((r) => r.path === '/api/recipients')?.query).toEqual({
      kind: 'user',
      search: 'al',
      containerId: USERS_CONTAINER.id,
      limit: '50',
    });
  });

  it('says so when nothing matches', async () => {
    const run = await runAgainst(directoryApi(users), ['user', 'list', '--search', 'zz']);
    expect(run).toMatchObject({ code: 0, stdout: 'no users\n' });
  });
});

describe('estafette user show | delete | passwd', () => {
  const bob = recipient('user', 'bob', { displayName: 'Bob Builder' });
  const bobby = recipient('user', 'bobby');
  const partner = recipient('contact', 'partner');

  it('finds a user by exact alias among the prefix matches, in any case', async () => {
    const api = withPlacement(directoryApi([bobby, partner, bob], 1));
    const run = await runAgainst(api, ['user', 'show', 'BOB']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Display name: +Bob Builder$/m);
    expect(run.stdout).toMatch(/^Container: +Users$/m);
    expect(run.stdout).toMatch(/^Mailbox store: +Mailbox Store \(MAIL1\)$/m);
  });

  it('reports an unknown user, and a contact named as a user', async () => {
    const api = directoryApi([bob, partner]);
    const unknown = await runAgainst(api, ['user', 'show', 'nobody']);
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'estafette: no user with alias or id "nobody"\n' });
    const wrongKind = await runAgainst(api, ['user', 'delete', partner.id]);
    expect(wrongKind).toMatchObject({ code: 1, stderr: `estafette: ${partner.id} is a contact, not a user\n` });
  });

  it('deletes by alias', async () => {
    const api = directoryApi([bob]).on('DELETE', `/api/recipients/${bob.id}`, () => ({ status: 204 }));
    const run = await runAgainst(api, ['user', 'delete', 'bob']);
    expect(run).toMatchObject({ code: 0, stdout: `deleted user bob (${bob.id})\n` });
  });

  it('sets a password', async () => {
    const api = directoryApi([bob]).on('POST', `/api/recipients/${bob.id}/password`, () => ({ status: 204 }));
    const run = await runAgainst(api, ['user', 'passwd', 'bob', '--password', 'An0ther-one!', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ id: bob.id, alias: 'bob', passwordChanged: true });
    expect(api.calls().at(-1)).toMatchObject({ method: 'POST', body: { password: 'An0ther-one!' } });
  });
});
