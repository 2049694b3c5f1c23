import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playTranscript, Pop3TestClient } from '@estafette/protocols-pop3';
import { FolderService, MessageService } from '@estafette/store';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { createUser, PASSWORD, updateRecipient } from '../smtp/testing/smtp-fixtures';
import { Pop3MaildropLockRepository } from './pop3-maildrop-lock.repository';
import { configurePop3, deliver, sampleMessage } from './testing/pop3-fixtures';

const run = promisify(execFile);
const POPLIB = join(__dirname, 'testing', 'poplib-client.py');

interface PoplibResult {
  welcome: string;
  capa: Record<string, string[]>;
  capa_after_tls?: Record<string, string[]>;
  stls?: string;
  error?: string;
  stat?: [number, number];
  list?: string[];
  uidl?: string[];
  messages?: Array<{ top: string[]; retr: string }>;
  stat_after_dele?: [number, number];
  stat_after_rset?: [number, number];
  quit?: string;
}

async function poplib(scenario: string, port: number, user: string, password = PASSWORD): Promise<PoplibResult> {
  const { stdout } = await run('python3', [POPLIB, scenario, String(port), user, password], { timeout: 30_000 });
  return JSON.parse(stdout) as PoplibResult;
}

async function fetchmail(
  port: number,
  user: string,
  options: { keep: boolean; ssl: boolean },
): Promise<{ code: number; delivered: string[]; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'estafette-fetchmail-'));
  try {
    const rc = join(dir, 'fetchmailrc');
    writeFileSync(
      rc,
      [
        'set no bouncemail',
        `poll 127.0.0.1 with proto POP3 port ${port}`,
        `  user "${user}" there with password "${PASSWORD}" is "${user}" here`,
        // Without "ssl", fetchmail 6.4 upgrades with STLS when the server offers it (this one does).
        `  ${options.ssl ? 'ssl ' : ''}no sslcertck`,
        `  ${options.keep ? 'keep' : 'nokeep'} fetchall`,
        `  mda "/bin/sh -c 'cat > $(mktemp ${dir}/msg.XXXXXX)'"`,
        '',
      ].join('\n'),
    );
    chmodSync(rc, 0o600);
    let code = 0;
    let output = '';
    try {
      const result = await run('fetchmail', ['-f', rc, '--idfile', join(dir, 'ids'), '--nosyslog'], {
        timeout: 60_000,
        env: { ...process.env, HOME: dir },
      });
      output = result.stdout + result.stderr;
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      code = e.code ?? 1;
      output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    const delivered = readdirSync(dir)
      .filter((f) => f.startsWith('msg.'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    return { code, delivered, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function session(port: number, tls = false): Promise<Pop3TestClient> {
  const client = await Pop3TestClient.connect(port, { tls });
  await client.readLine();
  return client;
}

describe('POP3 listeners end to end (real clients, real database)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let inboxCount: (recipientId: string) => Promise<number>;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    inboxCount = async (recipientId) => {
      const inbox = await server.app.get(FolderService).byRole(recipientId, 'inbox');
      return (await server.app.get(MessageService).list(inbox.id)).length;
    };
  });
  afterAll(async () => server?.close());

  async function userWithMail(alias: string, count: number, extra: Record<string, unknown> = {}) {
    const user = await createUser(admin, alias, extra);
    for (let i = 1; i <= count; i++) await deliver(server, user.id, sampleMessage(`${alias} ${i}`));
    return user;
  }

  it('listens on the POP3 and POP3S ports of the virtual server', () => {
    expect(server.ports['pop3']).toBeGreaterThan(0);
    expect(server.ports['pop3s']).toBeGreaterThan(0);
    expect(server.ports['Default POP3 Virtual Server/pop3']).toBe(server.ports['pop3']);
  });

  it('poplib over STLS: CAPA, USER/PASS, STAT, LIST, UIDL, TOP, RETR with byte-stuffing; Inbox only; RETR keeps mail', async () => {
    const user = await userWithMail('stlsuser', 2);
    // The maildrop is the Inbox alone, as in Exchange: mail in other folders is not listed.
    await deliver(server, user.id, sampleMessage('in junk'), 'junk');
    const result = await poplib('stls', server.ports['pop3'], 'stlsuser');
    // Before TLS no passwords are offered (RFC 2595); after it USER and SASL PLAIN are.
    expect(Object.keys(result.capa)).toContain('STLS');
    expect(Object.keys(result.capa)).not.toContain('USER');
    expect(Object.keys(result.capa_after_tls ?? {})).toEqual(expect.arrayContaining(['USER', 'SASL', 'UIDL', 'TOP']));
    expect(result.stat?.[0]).toBe(2);
    expect(result.list).toHaveLength(2);
    expect(result.uidl?.[0]).toMatch(/^1 [0-9a-f]{32}$/);
    expect(result.messages?.[0].top).toContain('Subject: stlsuser 1');
    expect(result.messages?.[0].top).not.toContain('Body of stlsuser 1.');
    expect(result.messages?.[0].retr).toContain('\r\n.a line with a leading dot\r\n');
    expect(result.quit).toMatch(/^\+OK/);
    expect(await inboxCount(user.id)).toBe(2);
    // The same unique-ids in the next session.
    const again = await poplib('stls', server.ports['pop3'], 'stlsuser');
    expect(again.uidl).toEqual(result.uidl);
  });

  it('poplib over implicit TLS (POP3_SSL): DELE then QUIT removes the messages, recoverable by retention', async () => {
    const user = await userWithMail('ssluser', 3);
    const result = await poplib('ssl-dele', server.ports['pop3s'], 'ssluser');
    expect(result.stat?.[0]).toBe(3);
    expect(result.stat_after_dele).toEqual([0, 0]);
    expect(result.quit).toMatch(/^\+OK/);
    expect(await inboxCount(user.id)).toBe(0);
    // Expunged rows stay for the deleted item retention period.
    const rows = await server.app.get(DataSource).query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM message m JOIN folder f ON f.id = m.folder_id JOIN mailbox b ON b.id = f.mailbox_id
          WHERE b.recipient_id = $1 AND m.deleted_at IS NOT NULL`,
      [user.id],
    );
    expect(Number(rows[0].n)).toBe(3);
  });

  it('poplib RSET: marked messages stay', async () => {
    const user = await userWithMail('rsetuser', 2);
    const result = await poplib('ssl-rset', server.ports['pop3s'], 'rsetuser');
    expect(result.stat_after_dele).toEqual([0, 0]);
    expect(result.stat_after_rset?.[0]).toBe(2);
    expect(result.quit).toMatch(/^\+OK/);
    expect(await inboxCount(user.id)).toBe(2);
  });

  it('a wrong password gets -ERR [AUTH]; POP3 turned off for the user gets a clear -ERR', async () => {
    await userWithMail('offuser', 1);
    const wrong = await poplib('ssl', server.ports['pop3s'], 'offuser', 'Wrong-Passw0rd!');
    expect(wrong.error).toBe('-ERR [AUTH] Authentication failed: wrong user name or password');
    const off = await createUser(admin, 'offuser2');
    await updateRecipient(admin, off.id, { protocols: { pop3Enabled: false } });
    const refused = await poplib('ssl', server.ports['pop3s'], 'offuser2');
    expect(refused.error).toBe('-ERR [AUTH] POP3 access is disabled for offuser2; ask your administrator to enable it');
  });

  it('a second session on the same mailbox gets -ERR [IN-USE] until the first ends', async () => {
    await userWithMail('lockuser', 1);
    const first = await session(server.ports['pop3s'], true);
    await first.command('USER lockuser');
    expect(await first.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK lockuser's maildrop has 1 messages/);
    const second = await session(server.ports['pop3s'], true);
    await second.command('USER lockuser@test.example');
    expect(await second.command(`PASS ${PASSWORD}`)).toBe(
      '-ERR [IN-USE] Another session is using this mailbox; try again when it has ended',
    );
    expect(await first.command('QUIT')).toMatch(/^\+OK/);
    await second.command('USER lockuser');
    expect(await second.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK/);
    await second.close();
  });

  it('the maildrop lock is a row with a lease: another process holding it blocks, an expired lease does not', async () => {
    await userWithMail('leaseuser', 1);
    const locks = server.app.get(Pop3MaildropLockRepository);
    const [{ id: mailboxId }] = await server.app
      .get(DataSource)
      .query<Array<{ id: string }>>(
        `SELECT b.id FROM mailbox b JOIN recipient r ON r.id = b.recipient_id WHERE r.alias = 'leaseuser'`,
      );
    expect(await locks.tryAcquire(mailboxId, 'other-process/s1', 60_000)).toBe(true);
    const client = await session(server.ports['pop3s'], true);
    await client.command('USER leaseuser');
    expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^-ERR \[IN-USE\]/);
    await locks.release(mailboxId, 'other-process/s1');
    expect(await locks.tryAcquire(mailboxId, 'crashed-process/s2', -1)).toBe(true);
    await client.command('USER leaseuser');
    expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK/);
    await client.close();
  });

  it('typed by hand over a raw socket, with plaintext allowed by the administrator', async () => {
    await userWithMail('typist', 1);
    await configurePop3(server, { allowPlaintextAuth: true });
    try {
      const client = await Pop3TestClient.connect(server.ports['pop3']);
      await playTranscript(
        client,
        [
          'S: +OK mail1.test.example POP3 server ready (Estafette)',
          'L: user typist',
          'S: +OK Send the password of typist',
          `L: pass ${PASSWORD}`,
          "S: +OK typist's maildrop has 1 messages (* octets)",
          'L: stat',
          'S: +OK 1 *',
          'L: top 1 0',
          'S: +OK Top of message follows',
          'S: From: Sender <sender@test.example>',
          'S: To: someone@test.example',
          'S: Subject: typist 1',
          'S: Message-ID: <typist1@test.example>',
          'S: ',
          'S: .',
          'L: dele 1',
          'S: +OK Message 1 deleted',
          'L: rset',
          'S: +OK *',
          'L: quit',
          'S: +OK Bye (1 messages left)',
          'S: <closed>',
        ].join('\n'),
      );
      const plain = await poplib('plain', server.ports['pop3'], 'typist');
      expect(plain.stat?.[0]).toBe(1);
    } finally {
      await configurePop3(server, { allowPlaintextAuth: false });
    }
  });

  it('fetchmail (STLS, keep, then nokeep) hands every message to its MDA', async () => {
    const user = await userWithMail('fetcher', 3);
    const kept = await fetchmail(server.ports['pop3'], 'fetcher', { keep: true, ssl: false });
    expect(kept.code, kept.output).toBe(0);
    expect(kept.delivered).toHaveLength(3);
    expect(kept.delivered.join()).toContain('Subject: fetcher 2');
    expect(await inboxCount(user.id)).toBe(3);
    const taken = await fetchmail(server.ports['pop3s'], 'fetcher', { keep: false, ssl: true });
    expect(taken.code, taken.output).toBe(0);
    expect(taken.delivered).toHaveLength(3);
    expect(taken.delivered[0]).toContain('.a line with a leading dot');
    expect(await inboxCount(user.id)).toBe(0);
  });
});
