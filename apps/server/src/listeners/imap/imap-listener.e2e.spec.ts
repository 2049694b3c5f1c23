import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { deliver, sampleMessage } from '../pop3/testing/pop3-fixtures';
import { createUser, PASSWORD, updateRecipient } from '../smtp/testing/smtp-fixtures';
import { ImapSession } from './testing/imap-session';

const run = promisify(execFile);
const IMAPLIB = join(__dirname, 'testing', 'imaplib-client.py');

interface ImaplibResult {
  welcome?: string;
  capabilities?: string[];
  login?: [string, string[]];
  error?: string;
  logout?: [string, string[]];
}

async function imaplib(
  scenario: string,
  port: number,
  user: string,
  options: { password?: string; tls?: 'starttls' | 'ssl' } = {},
): Promise<ImaplibResult> {
  const { stdout } = await run(
    'python3',
    [IMAPLIB, scenario, String(port), user, options.password ?? PASSWORD, options.tls ?? 'starttls'],
    { timeout: 30_000 },
  );
  return JSON.parse(stdout) as ImaplibResult;
}

describe('IMAP listeners end to end (real clients, real database)', () => {
  let server: TestServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
  });
  afterAll(async () => server?.close());

  it('listens on the IMAP and IMAPS ports of the virtual server', () => {
    expect(server.ports['imap']).toBeGreaterThan(0);
    expect(server.ports['imaps']).toBeGreaterThan(0);
    expect(server.ports['Default IMAP4 Virtual Server/imap']).toBe(server.ports['imap']);
  });

  it('imaplib logs in over STARTTLS and over implicit TLS by alias and by address', async () => {
    const user = await createUser(admin, 'imapuser');
    await deliver(server, user.id, sampleMessage('imapuser 1'));
    const starttls = await imaplib('login', server.ports['imap'], 'imapuser');
    expect(starttls.welcome).toMatch(/^\* OK/);
    expect(starttls.login?.[0]).toBe('OK');
    expect(starttls.logout?.[0]).toBe('BYE');
    const implicit = await imaplib('login', server.ports['imaps'], 'imapuser@test.example', { tls: 'ssl' });
    expect(implicit.login?.[0]).toBe('OK');
  });

  it('a wrong password gets NO [AUTHENTICATIONFAILED]; IMAP turned off for the user gets a clear NO', async () => {
    await createUser(admin, 'imapoff');
    const wrong = await imaplib('login', server.ports['imaps'], 'imapoff', { password: 'Wrong-Passw0rd!', tls: 'ssl' });
    expect(wrong.error).toContain('[AUTHENTICATIONFAILED]');
    const off = await createUser(admin, 'imapoff2');
    await updateRecipient(admin, off.id, { protocols: { imap4Enabled: false } });
    const refused = await imaplib('login', server.ports['imaps'], 'imapoff2', { tls: 'ssl' });
    expect(refused.error).toContain('IMAP4 access is disabled for imapoff2; ask your administrator to enable it');
  });

  it('repeated failures throttle the account: even the right password waits', async () => {
    await createUser(admin, 'imapthrottle');
    let throttled: ImaplibResult | null = null;
    for (let attempt = 0; attempt < 12 && !throttled; attempt++) {
      const result = await imaplib('login', server.ports['imaps'], 'imapthrottle', {
        password: `Wrong-${attempt}`,
        tls: 'ssl',
      });
      if (result.error?.includes('[UNAVAILABLE]')) throttled = result;
    }
    expect(throttled?.error).toContain('Too many failed logins');
    const right = await imaplib('login', server.ports['imaps'], 'imapthrottle', { tls: 'ssl' });
    expect(right.error).toContain('[UNAVAILABLE]');
  });

  it('SELECT shows the Inbox; a message delivered meanwhile is announced as EXISTS at the next NOOP', async () => {
    const user = await createUser(admin, 'imapselect');
    await deliver(server, user.id, sampleMessage('select 1'));
    await deliver(server, user.id, sampleMessage('select 2'));
    const session = await ImapSession.open(server.ports['imaps'], 'imapselect', PASSWORD);
    try {
      const selected = await session.command('SELECT INBOX');
      expect(selected.done).toMatch(/^t\d+ OK \[READ-WRITE\]/);
      expect(selected.untagged).toContain('* 2 EXISTS');
      expect(selected.untagged.some((l) => /^\* OK \[UIDVALIDITY \d+\]/.test(l))).toBe(true);
      expect(selected.untagged.some((l) => l.startsWith('* OK [UIDNEXT 3]'))).toBe(true);
      await deliver(server, user.id, sampleMessage('select 3'));
      let exists = false;
      for (let i = 0; i < 50 && !exists; i++) exists = (await session.command('NOOP')).untagged.includes('* 3 EXISTS');
      expect(exists).toBe(true);
    } finally {
      await session.close();
    }
  });
});
