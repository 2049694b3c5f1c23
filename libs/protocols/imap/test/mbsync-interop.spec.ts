import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedSampleMailbox } from '../src/testing/sample-messages';
import { startImapServer, type ImapServerFixture } from '../src/testing/server-fixture';

/** Runs mbsync (isync, a real and strict client: UIDPLUS, LITERAL+, flags both ways) once. */
function mbsync(config: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('mbsync', ['-c', config, '-a'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`mbsync exited ${code}: ${output}`));
    });
  });
}

describe('mbsync against the message commands', () => {
  let fixture: ImapServerFixture | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await fixture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('downloads the mailbox, uploads a new message and syncs flags both ways', async () => {
    fixture = await startImapServer({ allowPlaintextAuth: true });
    seedSampleMailbox(fixture.backend);
    dir = mkdtempSync(join(tmpdir(), 'estafette-mbsync-'));
    const config = join(dir, 'mbsyncrc');
    writeFileSync(
      config,
      [
        'IMAPAccount test',
        'Host 127.0.0.1',
        `Port ${fixture.port}`,
        'User alice',
        'Pass secret',
        'SSLType None',
        'AuthMechs LOGIN',
        '',
        'IMAPStore remote',
        'Account test',
        '',
        'MaildirStore local',
        `Path ${dir}/mail/`,
        `Inbox ${dir}/mail/INBOX`,
        '',
        'Channel sync',
        'Far :remote:',
        'Near :local:',
        'Patterns INBOX',
        'Create Both',
        'Sync All',
        'Expunge Both',
        `SyncState ${dir}/state/`,
        '',
      ].join('\n'),
    );
    const inbox = join(dir, 'mail', 'INBOX');
    // mbsync creates mailboxes, not the store root or the state directory.
    mkdirSync(join(dir, 'mail'));
    mkdirSync(join(dir, 'state'));
    await mbsync(config);
    const cur = (): string[] => readdirSync(join(inbox, 'cur')).sort();
    const fresh = (): string[] => readdirSync(join(inbox, 'new')).sort();
    const all = [...cur(), ...fresh()];
    expect(all).toHaveLength(3);
    const bodies = all.map((f) => readFileSync(join(inbox, cur().includes(f) ? 'cur' : 'new', f), 'utf8'));
    expect(bodies.some((b) => b.includes('Subject: Forwarded report'))).toBe(true);
    // Seen on the server comes down as the maildir S flag.
    expect(cur().filter((f) => /:2,[A-Z]*S/.test(f))).toHaveLength(1);

    // Up: a new local message is APPENDed; a local flag change becomes STORE.
    writeFileSync(join(inbox, 'new', '1700000000.local.host'), 'Subject: from mbsync\r\n\r\nlocal\r\n');
    const unseen = [...cur(), ...fresh()].find((f) => !/:2,[A-Z]*S/.test(f) && !f.includes('local')) ?? '';
    const from = join(inbox, cur().includes(unseen) ? 'cur' : 'new', unseen);
    renameSync(from, join(inbox, 'cur', `${unseen.replace(/:2,.*$/, '')}:2,FS`));
    await mbsync(config);
    const server = await fixture.connect();
    await server.readLine();
    await server.command('m1 LOGIN alice secret');
    await server.command('m2 EXAMINE INBOX');
    const flags = await server.command('m3 FETCH 1:* (UID FLAGS)');
    expect(flags).toHaveLength(5);
    expect(flags.filter((l) => /\\Flagged/.test(l) && /\\Seen/.test(l)).length).toBeGreaterThanOrEqual(1);
    const appended = await server.command('m4 UID FETCH 4 BODY.PEEK[HEADER.FIELDS (SUBJECT)]');
    expect(appended.join('\n')).toContain('Subject: from mbsync');
    expect(fixture.errors).toEqual([]);
  });
});
