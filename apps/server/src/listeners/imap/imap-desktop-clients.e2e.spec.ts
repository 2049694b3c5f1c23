import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderService, MessageService } from '@estafette/store';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { deliver, sampleMessage } from '../pop3/testing/pop3-fixtures';
import { createUser, eventually, PASSWORD } from '../smtp/testing/smtp-fixtures';
import { listenerCertificatePem } from './testing/imap-fixtures';

const run = promisify(execFile);

/** Runs a client with a bounded time; returns its exit code and output instead of throwing. */
async function client(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { timeout: 60_000, env: { ...process.env, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The messages of a Maildir folder (new and cur). */
function maildirMessages(folder: string): string[] {
  return ['new', 'cur'].flatMap((sub) =>
    readdirSync(join(folder, sub)).map((f) => readFileSync(join(folder, sub, f), 'utf8')),
  );
}

describe('IMAP with desktop clients (mbsync, mutt)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let dir: string;
  let certificate: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    dir = mkdtempSync(join(tmpdir(), 'estafette-imap-clients-'));
    certificate = join(dir, 'server.pem');
    writeFileSync(certificate, await listenerCertificatePem(server.ports['imaps']));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server?.close();
  });

  async function folderSubjects(recipientId: string, path: string): Promise<string[]> {
    const folder = (await server.app.get(FolderService).list(recipientId)).find((f) => f.path === path);
    if (!folder) return [];
    return (await server.app.get(MessageService).list(folder.id)).map((m) => m.subject);
  }

  it('mbsync syncs a mailbox both ways: server mail lands in the Maildir, a local message reaches the server', async () => {
    const user = await createUser(admin, 'syncuser');
    await deliver(server, user.id, sampleMessage('from the server'));
    const home = join(dir, 'mbsync');
    const maildir = join(home, 'Mail');
    mkdirSync(maildir, { recursive: true });
    const rc = join(home, 'mbsyncrc');
    writeFileSync(
      rc,
      [
        'IMAPAccount estafette',
        'Host 127.0.0.1',
        `Port ${server.ports['imaps']}`,
        'User syncuser',
        `Pass ${PASSWORD}`,
        'SSLType IMAPS',
        `CertificateFile ${certificate}`,
        '',
        'IMAPStore remote',
        'Account estafette',
        '',
        'MaildirStore local',
        `Path ${maildir}/`,
        `Inbox ${maildir}/INBOX`,
        '',
        'Channel mail',
        'Far :remote:',
        'Near :local:',
        'Patterns INBOX',
        'Create Both',
        'Expunge Both',
        'SyncState *',
        '',
      ].join('\n'),
    );
    const first = await client('mbsync', ['-c', rc, '-a'], { HOME: home });
    expect(first.code, first.output).toBe(0);
    const local = maildirMessages(join(maildir, 'INBOX'));
    expect(local).toHaveLength(1);
    expect(local[0]).toContain('Subject: from the server');

    writeFileSync(join(maildir, 'INBOX', 'new', `1.${process.pid}.local`), sampleMessage('written locally'));
    const second = await client('mbsync', ['-c', rc, '-a'], { HOME: home });
    expect(second.code, second.output).toBe(0);
    expect((await folderSubjects(user.id, 'Inbox')).sort()).toEqual(['from the server', 'written locally']);
  });

  it('mutt in batch mode sends over SMTP and files its copy in Sent Items over IMAP (APPEND)', async () => {
    const sender = await createUser(admin, 'muttuser');
    const recipient = await createUser(admin, 'muttpeer');
    const home = join(dir, 'mutt');
    mkdirSync(home, { recursive: true });
    const rc = join(home, 'muttrc');
    writeFileSync(
      rc,
      [
        `set folder="imaps://muttuser@127.0.0.1:${server.ports['imaps']}/"`,
        `set imap_pass="${PASSWORD}"`,
        `set certificate_file="${certificate}"`,
        'set ssl_verify_host=no',
        'set record="=Sent Items"',
        'set copy=yes',
        `set smtp_url="smtp://127.0.0.1:${server.ports['smtp']}/"`,
        // The copy goes over IMAPS; the SMTP hop is plain on loopback, so the mail path needs no prompt.
        'set ssl_starttls=no',
        'set from="muttuser@test.example"',
        'set realname="Mutt User"',
        '',
      ].join('\n'),
    );
    const body = join(home, 'body.txt');
    writeFileSync(body, 'Sent from mutt.\n');
    const sent = await client('sh', ['-c', `mutt -n -F "${rc}" -s "from mutt" -- muttpeer@test.example < "${body}"`], {
      HOME: home,
    });
    expect(sent.code, sent.output).toBe(0);
    expect(await folderSubjects(sender.id, 'Sent Items')).toEqual(['from mutt']);
    await eventually(async () => expect(await folderSubjects(recipient.id, 'Inbox')).toEqual(['from mutt']));
  });
});
