import { afterEach, describe, expect, it } from 'vitest';
import { ok, type ImapCommandDefinition } from '../commands/imap-command';
import { createDefaultRegistry } from '../commands/default-commands';
import { ImapServer } from './imap-server';
import { ImapTestClient } from '../../testing/imap-test-client';
import { startImapServer, type ImapServerFixture } from '../../testing/server-fixture';
import type { ImapUser } from '../backend/imap-backend';
import { mailboxViewFromSnapshot } from '../session/session-state';

/** Test-only commands that enter the selected state and answer like FETCH, to drive the untagged queue. */
const testSelect: ImapCommandDefinition = {
  names: ['XSELECT'],
  states: ['authenticated', 'selected'],
  async handle(context, args) {
    const name = args.astring();
    args.end();
    if (context.state.kind === 'not-authenticated' || context.state.kind === 'logout') throw new Error('unreachable');
    const user = context.state.user;
    const snapshot = await context.backend.openMailbox(user, name, { readOnly: false });
    context.setState({
      kind: 'selected',
      user,
      mailbox: mailboxViewFromSnapshot(snapshot),
    });
    await context.untagged(`${snapshot.messages.length} EXISTS`);
    return ok('selected');
  },
};
const testFetch: ImapCommandDefinition = {
  names: ['XFETCH'],
  states: ['selected'],
  uid: true,
  forbidsExpunge: true,
  async handle() {
    return ok('fetched');
  },
};

describe('ImapConnection', () => {
  let fixture: ImapServerFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  async function loggedIn(options = {}): Promise<{ client: ImapTestClient; user: ImapUser }> {
    fixture = await startImapServer({
      allowPlaintextAuth: true,
      ...options,
    });
    const client = await fixture.connect();
    await client.readLine();
    expect((await client.command('a0 LOGIN alice secret')).pop()).toMatch(/^a0 OK/);
    return { client, user: { id: 'u1', username: 'alice' } };
  }

  it('answers pipelined commands in order', async () => {
    fixture = await startImapServer();
    const client = await fixture.connect();
    await client.readLine();
    client.write('a1 NOOP\r\na2 CAPABILITY\r\na3 NOOP\r\n');
    const lines = await client.readUntilTagged('a3');
    expect(lines.filter((l) => !l.startsWith('*'))).toEqual([
      'a1 OK NOOP completed',
      'a2 OK CAPABILITY completed',
      'a3 OK NOOP completed',
    ]);
  });

  it('upgrades with STARTTLS, discards what was pipelined in the clear, and then allows LOGIN', async () => {
    fixture = await startImapServer();
    const client = await fixture.connect();
    expect(await client.readLine()).toContain('STARTTLS');
    // The injected command after STARTTLS must never run (RFC 3501 §6.2.1, CVE-2011-0411 class).
    client.write('s1 STARTTLS\r\ns2 LOGIN alice secret\r\n');
    expect(await client.readLine()).toBe('s1 OK Begin TLS negotiation now');
    await client.upgrade();
    expect(client.encrypted).toBe(true);
    const capability = await client.command('s3 CAPABILITY');
    expect(capability[0]).toBe('* CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN AUTH=LOGIN SASL-IR ID');
    expect((await client.command('s4 LOGIN alice secret')).pop()).toMatch(/^s4 OK \[CAPABILITY/);
    expect(fixture.errors).toEqual([]);
  });

  it('logs an idle client out with BYE after the auto-logout timeout (RFC 3501 §5.4)', async () => {
    fixture = await startImapServer({ idleTimeoutMs: 100 });
    const client = await fixture.connect();
    await client.readLine();
    expect(await client.readLine()).toBe('* BYE Autologout; idle for too long');
    expect(await client.readLine()).toBeNull();
  });

  it('closes gracefully: BYE to waiting sessions, no new connections', async () => {
    fixture = await startImapServer();
    const client = await fixture.connect();
    await client.readLine();
    await fixture.server.close(2000);
    expect(await client.readLine()).toBe('* BYE Server shutting down');
    expect(await client.readLine()).toBeNull();
    await expect(ImapTestClient.connect(fixture.port)).rejects.toThrow();
    expect(fixture.server.connectionCount).toBe(0);
  });

  it('lets a running command finish before the shutdown BYE', async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const running = new Promise<void>((resolve) => (entered = resolve));
    const original = fixture.backend.authenticate.bind(fixture.backend);
    fixture.backend.authenticate = async (credentials, context) => {
      entered();
      await gate;
      return original(credentials, context);
    };
    const client = await fixture.connect();
    await client.readLine();
    client.send('a1 LOGIN alice secret');
    await running;
    const closing = fixture.server.close(5000);
    release();
    expect(await client.readLine()).toMatch(/^a1 OK/);
    expect(await client.readLine()).toBe('* BYE Server shutting down');
    await closing;
  });

  it('says BYE and closes on a too-large non-synchronising literal', async () => {
    fixture = await startImapServer();
    const client = await fixture.connect();
    await client.readLine();
    client.send('a1 LOGIN {100000+}');
    expect(await client.readLine()).toMatch(/^a1 BAD Literal larger than/);
    expect(await client.readLine()).toBe('* BYE Protocol error');
    expect(await client.readLine()).toBeNull();
  });

  it('says BYE after too many invalid commands in a row', async () => {
    fixture = await startImapServer({ maxConsecutiveErrors: 3 });
    const client = await fixture.connect();
    await client.readLine();
    client.write('x1 BOGUS\r\nx2 BOGUS\r\nx3 BOGUS\r\nx4 NOOP\r\n');
    expect(await client.readLine()).toBe('x1 BAD Unknown command BOGUS');
    expect(await client.readLine()).toBe('x2 BAD Unknown command BOGUS');
    // The third BAD still answers its command; x4 is never run.
    expect(await client.readLine()).toBe('x3 BAD Unknown command BOGUS');
    expect(await client.readLine()).toBe('* BYE Too many invalid commands');
    expect(await client.readLine()).toBeNull();
  });

  it('delivers other sessions’ changes as untagged responses, holding EXPUNGE during FETCH', async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true });
    const server = new ImapServer(
      fixture.backend,
      { port: 0, host: '127.0.0.1', allowPlaintextAuth: true },
      createDefaultRegistry([testSelect, testFetch]),
    );
    const port = await server.listen();
    const user = (await fixture.backend.authenticate(
      { username: 'alice', password: 'secret', mechanism: 'LOGIN' },
      { remoteAddress: '', secure: true },
    )) as { kind: 'ok'; user: ImapUser };
    fixture.backend.deliver('alice', 'INBOX', { raw: 'Subject: one\r\n\r\nbody\r\n' });
    fixture.backend.deliver('alice', 'INBOX', { raw: 'Subject: two\r\n\r\nbody\r\n' });
    const client = await ImapTestClient.connect(port);
    try {
      await client.readLine();
      await client.command('a1 LOGIN alice secret');
      expect(await client.command('a2 XSELECT INBOX')).toEqual(['* 2 EXISTS', 'a2 OK selected']);
      fixture.backend.deliver('alice', 'INBOX', { raw: 'Subject: three\r\n\r\nbody\r\n' });
      expect(await client.command('a3 NOOP')).toEqual(['* 3 EXISTS', 'a3 OK NOOP completed']);

      const handle = (await fixture.backend.openMailbox(user.user, 'INBOX', { readOnly: false })).handle;
      await fixture.backend.storeFlags(user.user, handle, [1], { operation: 'add', flags: ['\\Deleted'] });
      await fixture.backend.expunge(user.user, handle);
      expect(await client.command('a4 XFETCH')).toEqual([
        // Without CONDSTORE enabled no MODSEQ (RFC 7162 §3.1.4.1 ties it to a CONDSTORE-enabling command).
        '* 1 FETCH (UID 1 FLAGS (\\Deleted))',
        'a4 OK fetched',
      ]);
      // UID FETCH may renumber (RFC 3501 §7.4.1 exempts the UID forms).
      expect(await client.command('a5 UID XFETCH')).toEqual(['* 1 EXPUNGE', 'a5 OK fetched']);
      expect(await client.command('a6 NOOP')).toEqual(['a6 OK NOOP completed']);
    } finally {
      await client.close();
      await server.close(1000);
    }
  });

  it('closes the connection after too many failed logins', async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true, maxAuthFailures: 2 });
    const client = await fixture.connect();
    await client.readLine();
    expect(await client.command('a1 LOGIN alice x')).toEqual(['a1 NO [AUTHENTICATIONFAILED] Invalid credentials']);
    expect(await client.command('a2 LOGIN alice y')).toEqual(['a2 NO [AUTHENTICATIONFAILED] Invalid credentials']);
    expect(await client.readLine()).toBe('* BYE Too many failed logins');
    expect(await client.readLine()).toBeNull();
  });

  it('keeps the LOGOUT state after logging in: the socket closes', async () => {
    const { client } = await loggedIn();
    expect(await client.command('a1 LOGOUT')).toEqual([
      '* BYE Estafette IMAP4rev1 server logging out',
      'a1 OK LOGOUT completed',
    ]);
    expect(await client.readLine()).toBeNull();
  });
});
