import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { BLOB_STORE, type BlobStore } from '@estafette/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { deliver, sampleMessage } from '../pop3/testing/pop3-fixtures';
import { createUser, eventually, PASSWORD, updateRecipient } from '../smtp/testing/smtp-fixtures';
import { smtplib } from '../smtp/testing/smtplib';
import { configureImap, imapflow, multipartMessage } from './testing/imap-fixtures';
import { ImapSession } from './testing/imap-session';

const run = promisify(execFile);
const IMAPLIB = join(__dirname, 'testing', 'imaplib-client.py');

interface ImaplibResult {
  welcome?: string;
  capabilities?: string[];
  login?: [string, string[]];
  error?: string;
  logout?: [string, string[]];
  select?: [string, string[]];
  fetch_headers?: Array<[string, string]>;
  fetch_body?: string;
  flags_after_body?: string[];
  store?: [string, string[]];
  search_seen?: [string, string[]];
  search_flagged?: [string, string[]];
  create?: [string, string[]];
  copy?: [string, string[]];
  expunge?: [string, string[]];
  archive?: [string, string[]];
  archive_flags?: string[];
}

async function imaplib(
  scenario: string,
  port: number,
  user: string,
  options: { password?: string; tls?: 'starttls' | 'ssl' | 'plain' } = {},
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
      // The session hears of the delivery through the database's notification (LISTEN/NOTIFY on PostgreSQL),
      // which may arrive some milliseconds later: NOOP again for up to two seconds.
      let exists = false;
      for (let i = 0; i < 40 && !exists; i++) {
        exists = (await session.command('NOOP')).untagged.includes('* 3 EXISTS');
        if (!exists) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(exists).toBe(true);
    } finally {
      await session.close();
    }
  });

  it("sessions on one mailbox read each other's flags, appends, expunges and deliveries (STATUS, SELECT, FETCH)", async () => {
    const user = await createUser(admin, 'imapshared');
    await deliver(server, user.id, sampleMessage('shared 1'));
    await deliver(server, user.id, sampleMessage('shared 2'));
    const [a, b, c] = await Promise.all(
      [0, 1, 2].map(() => ImapSession.open(server.ports['imaps'], 'imapshared', PASSWORD)),
    );
    // On PGlite these come from the process's folder index once a SELECT read the folder; on PostgreSQL
    // from the database: the answers must be the same, and always include the asking session's own changes.
    const status = async () => (await c.command('STATUS INBOX (MESSAGES UNSEEN UIDNEXT)')).untagged[0];
    const flagsOf = async (session: ImapSession, uid: number) =>
      (await session.command(`UID FETCH ${uid} (FLAGS RFC822.SIZE)`)).untagged.find((l) => l.includes(`UID ${uid} `));
    try {
      await a.command('SELECT INBOX');
      await b.command('SELECT INBOX');
      expect(await status()).toBe('* STATUS "INBOX" (MESSAGES 2 UNSEEN 2 UIDNEXT 3)');
      await a.command('UID STORE 1 +FLAGS.SILENT (\\Seen $Work)');
      expect(await flagsOf(b, 1)).toMatch(/FLAGS \((\\Seen \$Work|\$Work \\Seen)\)/);
      expect(await status()).toBe('* STATUS "INBOX" (MESSAGES 2 UNSEEN 1 UIDNEXT 3)');

      const text = sampleMessage('shared appended');
      const appended = await a.command(`APPEND INBOX (\\Flagged) {${Buffer.byteLength(text)}+}\r\n${text}`);
      expect(appended.done).toMatch(/OK \[APPENDUID \d+ 3\]/);
      expect(await status()).toBe('* STATUS "INBOX" (MESSAGES 3 UNSEEN 2 UIDNEXT 4)');
      // B hears of the new message at a NOOP (its live feed reads the journal when notified).
      await eventually(async () => expect((await b.command('NOOP')).untagged).toContain('* 3 EXISTS'));
      expect(await flagsOf(b, 3)).toBe(`* 3 FETCH (UID 3 FLAGS (\\Flagged) RFC822.SIZE ${Buffer.byteLength(text)})`);

      await deliver(server, user.id, sampleMessage('shared 4'));
      expect(await status()).toBe('* STATUS "INBOX" (MESSAGES 4 UNSEEN 3 UIDNEXT 5)');

      await b.command('UID STORE 2 +FLAGS.SILENT (\\Deleted)');
      const expunged = await b.command('EXPUNGE');
      expect(expunged.untagged).toContain('* 2 EXPUNGE');
      expect(await status()).toBe('* STATUS "INBOX" (MESSAGES 3 UNSEEN 2 UIDNEXT 5)');
      // A still numbers the expunged message (it has not been told yet); a FETCH of it returns no data (its
      // live feed may report the \Deleted flag meanwhile).
      expect((await flagsOf(a, 2)) ?? '').not.toContain('RFC822.SIZE');
      // A new SELECT starts from the folder as it is now.
      const reselected = await c.command('SELECT INBOX');
      expect(reselected.untagged).toContain('* 3 EXISTS');
      const listed = await c.command('FETCH 1:* (UID FLAGS)');
      expect(listed.untagged).toEqual([
        expect.stringMatching(/^\* 1 FETCH \(UID 1 FLAGS \((\\Seen \$Work|\$Work \\Seen)\)\)$/),
        '* 2 FETCH (UID 3 FLAGS (\\Flagged))',
        '* 3 FETCH (UID 4 FLAGS ())',
      ]);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('imapflow: list, mailboxOpen, fetch envelope, source, bodyStructure, header fields and a body part', async () => {
    const user = await createUser(admin, 'flowuser');
    await deliver(server, user.id, multipartMessage('flow one'));
    await deliver(server, user.id, sampleMessage('flow two'));
    const client = await imapflow(server.ports['imaps'], 'flowuser', PASSWORD);
    try {
      const list = await client.list();
      const paths = list.map((m) => m.path);
      expect(paths).toEqual(expect.arrayContaining(['INBOX', 'Sent Items', 'Deleted Items', 'Drafts']));
      expect(list.find((m) => m.path === 'Sent Items')?.specialUse).toBe('\\Sent');
      const opened = await client.mailboxOpen('INBOX');
      expect(opened.exists).toBe(2);
      const messages = [];
      for await (const m of client.fetch('1:*', {
        uid: true,
        envelope: true,
        source: true,
        bodyStructure: true,
        flags: true,
      }))
        messages.push(m);
      expect(messages.map((m) => m.envelope?.subject)).toEqual(['flow one', 'flow two']);
      expect(messages[0].envelope?.from?.[0]).toMatchObject({ name: 'Alice Example', address: 'alice@test.example' });
      expect(messages[0].source?.toString()).toBe(multipartMessage('flow one'));
      expect(messages[0].bodyStructure?.type).toBe('multipart/mixed');
      expect(messages[0].bodyStructure?.childNodes?.map((p) => p.type)).toEqual([
        'text/plain',
        'application/octet-stream',
      ]);
      expect(messages[0].bodyStructure?.childNodes?.[1].disposition).toBe('attachment');
      const parts = await client.fetchOne('1', { bodyParts: ['1', '2.mime'], headers: ['subject'] });
      expect(parts && parts.bodyParts?.get('1')?.toString()).toBe('Text of flow one.');
      expect(parts && parts.bodyParts?.get('2.mime')?.toString()).toContain('Content-Disposition: attachment');
      expect(parts && parts.headers?.toString()).toBe('Subject: flow one\r\n\r\n');
      expect(messages[1].flags?.has('\\Seen')).toBe(false);
    } finally {
      await client.logout();
    }
    // A non-PEEK body fetch marks the message seen (RFC 3501 §6.4.5); imapflow always peeks.
    const session = await ImapSession.open(server.ports['imaps'], 'flowuser', PASSWORD);
    try {
      await session.command('SELECT INBOX');
      const fetched = await session.command('FETCH 2 (BODY[TEXT])');
      expect(fetched.done).toMatch(/OK/);
      expect(fetched.untagged.join('\n')).toMatch(/FLAGS \(\\Seen\)/);
      const flags = await session.command('FETCH 2 (FLAGS)');
      expect(flags.untagged).toContain('* 2 FETCH (FLAGS (\\Seen))');
    } finally {
      await session.close();
    }
  });

  it('ACL: alice shares her Inbox with bob; bob finds it under Other Users, reads it, may not delete', async () => {
    const alice = await createUser(admin, 'aclalice');
    await createUser(admin, 'aclbob');
    await deliver(server, alice.id, sampleMessage('for alice only'));
    const owner = await ImapSession.open(server.ports['imaps'], 'aclalice', PASSWORD);
    const guest = await ImapSession.open(server.ports['imaps'], 'aclbob@test.example', PASSWORD);
    try {
      expect((await guest.command('LIST "" "Other Users/*"')).untagged).toEqual([]);
      expect((await owner.command('MYRIGHTS INBOX')).untagged).toEqual(['* MYRIGHTS "INBOX" lrswipkxtea']);
      expect((await owner.command('SETACL INBOX aclbob@test.example lrs')).done).toMatch(/^t\d+ OK/);
      expect((await owner.command('GETACL INBOX')).untagged).toEqual(['* ACL "INBOX" aclalice lrswipkxtea aclbob lrs']);
      const listed = (await guest.command('LIST "" "*"')).untagged;
      expect(listed).toContain('* LIST (\\Noselect \\HasChildren) "/" "Other Users"');
      expect(listed).toContain('* LIST (\\HasNoChildren) "/" "Other Users/aclalice/Inbox"');
      expect((await guest.command('NAMESPACE')).untagged[0]).toContain('(("Other Users/" "/"))');
      const selected = await guest.command('SELECT "Other Users/aclalice/Inbox"');
      expect(selected.untagged).toContain('* 1 EXISTS');
      const fetched = await guest.command('FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])');
      expect(fetched.untagged.join('\n')).toContain('Subject: for alice only');
      expect((await guest.command('MYRIGHTS "Other Users/aclalice/Inbox"')).untagged).toEqual([
        '* MYRIGHTS "Other Users/aclalice/Inbox" lrs',
      ]);
      const refused = await guest.command('STORE 1 +FLAGS (\\Deleted)');
      expect(refused.done).toMatch(/^t\d+ NO \[NOPERM\]/);
      expect((await guest.command('STORE 1 +FLAGS (\\Seen)')).done).toMatch(/^t\d+ OK/);
      expect((await guest.command('SETACL "Other Users/aclalice/Inbox" aclbob lrswipkxtea')).done).toMatch(
        /^t\d+ NO \[NOPERM\]/,
      );
      // Taking the grant away hides the folder again (RFC 4314 §6: no "l", no name).
      expect((await owner.command('DELETEACL INBOX aclbob')).done).toMatch(/^t\d+ OK/);
      expect((await guest.command('LIST "" "Other Users/*"')).untagged).toEqual([]);
    } finally {
      await owner.close();
      await guest.close();
    }
  });

  it("a folder shared with bob is subscribed until bob unsubscribes; his choice is his own, not the owner's", async () => {
    await createUser(admin, 'subalice');
    await createUser(admin, 'subbob');
    const owner = await ImapSession.open(server.ports['imaps'], 'subalice', PASSWORD);
    const guest = await ImapSession.open(server.ports['imaps'], 'subbob', PASSWORD);
    try {
      expect((await owner.command('SETACL INBOX subbob lr')).done).toMatch(/^t\d+ OK/);
      const shared = '"Other Users/subalice/Inbox"';
      const lsub = async (): Promise<string[]> => (await guest.command('LSUB "" "Other Users/*"')).untagged;
      expect(await lsub()).toEqual([`* LSUB (\\HasNoChildren) "/" ${shared}`]);
      expect((await guest.command(`UNSUBSCRIBE ${shared}`)).done).toMatch(/^t\d+ OK/);
      expect(await lsub()).toEqual([]);
      expect((await guest.command('LIST (SUBSCRIBED) "" "Other Users/*"')).untagged).toEqual([]);
      expect((await guest.command('LIST "" "Other Users/subalice/*"')).untagged).toEqual([
        `* LIST (\\HasNoChildren) "/" ${shared}`,
      ]);
      // The owner's own subscription to her Inbox is untouched.
      expect((await owner.command('LSUB "" "INBOX"')).untagged).toEqual(['* LSUB (\\HasNoChildren) "/" "INBOX"']);
      // A second session of bob's sees the same choice; subscribing again brings it back.
      const again = await ImapSession.open(server.ports['imaps'], 'subbob', PASSWORD);
      try {
        expect((await again.command('LSUB "" "Other Users/*"')).untagged).toEqual([]);
      } finally {
        await again.close();
      }
      expect((await guest.command(`SUBSCRIBE ${shared}`)).done).toMatch(/^t\d+ OK/);
      expect(await lsub()).toEqual([`* LSUB (\\HasNoChildren) "/" ${shared}`]);
    } finally {
      await owner.close();
      await guest.close();
    }
  });

  it('imapflow: append, messageFlagsAdd, messageMove; IDLE hears a message delivered over SMTP', async () => {
    await createUser(admin, 'flowidle');
    const client = await imapflow(server.ports['imaps'], 'flowidle', PASSWORD);
    try {
      const appended = await client.append(
        'Drafts',
        sampleMessage('a draft'),
        ['\\Draft'],
        new Date('2026-01-02T03:04:05Z'),
      );
      expect(appended && appended.uid).toBe(1);
      const drafts = await client.mailboxOpen('Drafts');
      expect(drafts.exists).toBe(1);
      const draft = await client.fetchOne('1', { flags: true, internalDate: true, source: true });
      expect(draft && [...(draft.flags ?? [])]).toEqual(['\\Draft']);
      expect(draft && new Date(draft.internalDate ?? 0).toISOString()).toBe('2026-01-02T03:04:05.000Z');
      expect(draft && draft.source?.toString()).toBe(sampleMessage('a draft'));
      expect(await client.messageFlagsAdd('1', ['\\Flagged', '$Important'])).toBe(true);
      const flagged = await client.fetchOne('1', { flags: true });
      expect(flagged && [...(flagged.flags ?? [])].sort()).toEqual(['$Important', '\\Draft', '\\Flagged']);
      const moved = await client.messageMove('1', 'Deleted Items');
      expect(moved && [...(moved.uidMap?.entries() ?? [])]).toEqual([[1, 1]]);
      expect(await client.status('Drafts', { messages: true })).toMatchObject({ messages: 0 });
      expect(await client.status('Deleted Items', { messages: true })).toMatchObject({ messages: 1 });

      await client.mailboxOpen('INBOX');
      const heard = new Promise<{ count: number; at: number }>((resolve) =>
        client.on('exists', (data: { count: number }) => resolve({ count: data.count, at: Date.now() })),
      );
      client.idle().catch(() => undefined);
      const py = await smtplib('plain', server.ports['smtp'], {
        from: 'someone@remote.example',
        to: ['flowidle@test.example'],
        body: sampleMessage('pushed'),
      });
      expect(py.transaction.data?.code).toBe(250);
      const accepted = Date.now();
      const { count, at } = await heard;
      expect(count).toBe(1);
      // Delivery commits, NOTIFY wakes the session, IDLE pushes EXISTS: well within a second.
      expect(at - accepted).toBeLessThan(1000);
    } finally {
      await client.logout();
    }
  });

  it('imaplib: select, fetch, store, search, create, copy, expunge, examine, logout', async () => {
    const user = await createUser(admin, 'libuser');
    await deliver(server, user.id, sampleMessage('lib one'));
    await deliver(server, user.id, sampleMessage('lib two'));
    const result = await imaplib('mailflow', server.ports['imap'], 'libuser');
    expect(result.error).toBeUndefined();
    expect(result.select).toEqual(['OK', ['2']]);
    expect(result.fetch_headers?.map(([, header]) => header)).toEqual([
      'Subject: lib one\r\n\r\n',
      'Subject: lib two\r\n\r\n',
    ]);
    expect(result.fetch_headers?.[0][0]).toMatch(
      /^1 \(UID 1 FLAGS \(\) RFC822\.SIZE \d+ BODY\[HEADER\.FIELDS \(SUBJECT\)\] \{\d+\}$/,
    );
    expect(result.fetch_body).toBe(sampleMessage('lib one'));
    expect(result.flags_after_body).toEqual(['1 (FLAGS (\\Seen))']);
    expect(result.store).toEqual(['OK', ['2 (FLAGS (\\Flagged))']]);
    expect(result.search_seen).toEqual(['OK', ['1']]);
    expect(result.search_flagged).toEqual(['OK', ['2']]);
    expect(result.create?.[0]).toBe('OK');
    expect(result.copy?.[0]).toBe('OK');
    expect(result.expunge).toEqual(['OK', ['1']]);
    expect(result.archive).toEqual(['OK', ['2']]);
    expect(result.archive_flags).toEqual(['1 (FLAGS (\\Seen))', '2 (FLAGS (\\Flagged))']);
    expect(result.logout?.[0]).toBe('BYE');
  });

  it('header FETCH: a header longer than the first read, its fields, and each message file read once', async () => {
    const user = await createUser(admin, 'hdruser');
    const folded = `X-Long: ${'y'.repeat(60)}${`\r\n ${'z'.repeat(70)}`.repeat(300)}`;
    const header = `From: a@test.example\r\nSubject: headers\r\n${folded}\r\nTo: b@test.example\r\n\r\n`;
    await deliver(server, user.id, `${header}The body.\r\n`);
    expect(header.length).toBeGreaterThan(16 * 1024);
    const reads = vi.spyOn(server.app.get<BlobStore>(BLOB_STORE), 'readRange');
    const session = await ImapSession.open(server.ports['imaps'], 'hdruser', PASSWORD);
    try {
      await session.command('SELECT INBOX');
      const fields = await session.command('FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT TO)])');
      expect(fields.untagged).toEqual([
        '* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT TO)] {40}',
        'Subject: headers',
        'To: b@test.example',
        '',
        ')',
      ]);
      const readsFirst = reads.mock.calls.length;
      // The first 16 KiB held no blank line: a second, longer read.
      expect(readsFirst).toBe(2);
      expect((await session.command('FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT TO)])')).untagged).toEqual(
        fields.untagged,
      );
      const whole = await session.command('FETCH 1 (BODY.PEEK[HEADER])');
      expect(whole.untagged[0]).toBe(`* 1 FETCH (BODY[HEADER] {${header.length}}`);
      expect(whole.untagged.slice(1, -1).join('\r\n')).toBe(header.slice(0, -2));
      const not = await session.command('FETCH 1 (BODY.PEEK[HEADER.FIELDS.NOT (X-LONG)])');
      expect(not.untagged.slice(1, -1)).toEqual(['From: a@test.example', 'Subject: headers', 'To: b@test.example', '']);
      expect(reads.mock.calls.length).toBe(readsFirst);
      // The body is read from the message file as before.
      const body = await session.command('FETCH 1 (BODY.PEEK[TEXT])');
      expect(body.untagged.join('\n')).toContain('The body.');
    } finally {
      reads.mockRestore();
      await session.close();
    }
  });

  it("two sessions on one mailbox: the idling one sees the other one's FLAGS, EXPUNGE and EXISTS", async () => {
    const user = await createUser(admin, 'twosessions');
    await deliver(server, user.id, sampleMessage('shared 1'));
    await deliver(server, user.id, sampleMessage('shared 2'));
    const watcher = await ImapSession.open(server.ports['imaps'], 'twosessions', PASSWORD);
    const actor = await ImapSession.open(server.ports['imaps'], 'twosessions', PASSWORD);
    try {
      expect((await watcher.command('SELECT INBOX')).untagged).toContain('* 2 EXISTS');
      await actor.command('SELECT INBOX');
      watcher.send('w1 IDLE');
      await watcher.next((l) => l.startsWith('+ '));
      expect((await actor.command('STORE 1 +FLAGS (\\Seen)')).done).toMatch(/OK/);
      expect(await watcher.next((l) => l.includes('FETCH'))).toMatch(/^\* 1 FETCH \(.*FLAGS \(\\Seen\)/);
      await actor.command('STORE 2 +FLAGS (\\Deleted)');
      expect((await actor.command('EXPUNGE')).untagged).toContain('* 2 EXPUNGE');
      expect(await watcher.next((l) => l.endsWith('EXPUNGE'))).toBe('* 2 EXPUNGE');
      expect((await actor.command('APPEND INBOX (\\Flagged) {12+}\r\nSubject: x\r\n')).done).toMatch(/OK \[APPENDUID/);
      expect(await watcher.next((l) => l.endsWith('EXISTS'))).toBe('* 2 EXISTS');
      watcher.send('DONE');
      expect(await watcher.next((l) => l.startsWith('w1 '))).toMatch(/^w1 OK/);
    } finally {
      await watcher.close();
      await actor.close();
    }
  });

  it('APPEND and COPY into the selected mailbox answer with EXISTS; the new UIDs can be stored and expunged at once', async () => {
    const user = await createUser(admin, 'appendself');
    await deliver(server, user.id, sampleMessage('own 1'));
    const session = await ImapSession.open(server.ports['imaps'], 'appendself', PASSWORD);
    const other = await ImapSession.open(server.ports['imaps'], 'appendself', PASSWORD);
    try {
      expect((await session.command('SELECT INBOX')).untagged).toContain('* 1 EXISTS');
      // RFC 3501 §6.3.11: the appended message's EXISTS comes with the answer, not at the next command.
      const appended = await session.command('APPEND INBOX {12+}\r\nSubject: a\r\n');
      expect(appended.untagged).toContain('* 2 EXISTS');
      const uid = /APPENDUID \d+ (\d+)/.exec(appended.done)?.[1];
      expect(uid).toBeDefined();
      const stored = await session.command(`UID STORE ${uid} +FLAGS (\\Deleted)`);
      expect(stored.untagged).toEqual([`* 2 FETCH (FLAGS (\\Deleted) UID ${uid})`]);
      expect((await session.command('EXPUNGE')).untagged).toEqual(['* 2 EXPUNGE']);

      // Another session's message comes between: the journal is read, and its EXISTS comes first.
      await other.command('APPEND INBOX {12+}\r\nSubject: b\r\n');
      const second = await session.command('APPEND INBOX {12+}\r\nSubject: c\r\n');
      expect(second.untagged).toContain('* 3 EXISTS');
      const secondUid = Number(/APPENDUID \d+ (\d+)/.exec(second.done)?.[1]);
      expect((await session.command('UID FETCH 1:* (UID)')).untagged).toEqual([
        '* 1 FETCH (UID 1)',
        `* 2 FETCH (UID ${secondUid - 1})`,
        `* 3 FETCH (UID ${secondUid})`,
      ]);

      // COPY into the mailbox itself (RFC 4315 COPYUID): the copy is addressable by its new UID at once.
      const copied = await session.command('UID COPY 1 INBOX');
      expect(copied.untagged).toContain('* 4 EXISTS');
      const copyUid = /COPYUID \d+ 1 (\d+)/.exec(copied.done)?.[1];
      expect((await session.command(`UID STORE ${copyUid} +FLAGS.SILENT (\\Deleted)`)).done).toMatch(/OK/);
      expect((await session.command('EXPUNGE')).untagged).toEqual(['* 4 EXPUNGE']);
      expect((await other.command('STATUS INBOX (MESSAGES)')).untagged).toEqual(['* STATUS "INBOX" (MESSAGES 3)']);
    } finally {
      await session.close();
      await other.close();
    }
  });

  it('quota and store errors: GETQUOTAROOT in KiB, APPEND over the limit, a dismounted store', async () => {
    const user = await createUser(admin, 'limited');
    await updateRecipient(admin, user.id, {
      limits: { useStoreDefaults: false, issueWarningKb: null, prohibitSendKb: null, prohibitSendReceiveKb: 2 },
    });
    await deliver(server, user.id, sampleMessage('small'));
    const session = await ImapSession.open(server.ports['imaps'], 'limited', PASSWORD);
    try {
      const quota = await session.command('GETQUOTAROOT INBOX');
      expect(quota.untagged).toEqual(['* QUOTAROOT "INBOX" ""', '* QUOTA "" (STORAGE 1 2)']);
      const big = 'x'.repeat(3000);
      const refused = await session.command(`APPEND INBOX {${big.length}+}\r\n${big}`);
      expect(refused.done).toMatch(/^t\d+ NO \[OVERQUOTA\]/);
      expect((await session.command('SELECT INBOX')).done).toMatch(/^t\d+ OK/);
      // With the folder selected (kept in the folder index on PGlite) the append's own statement checks.
      expect((await session.command(`APPEND INBOX {${big.length}+}\r\n${big}`)).done).toMatch(/^t\d+ NO \[OVERQUOTA\]/);
      const tiny = 'Subject: tiny\r\n\r\nfits\r\n';
      expect((await session.command(`APPEND INBOX {${tiny.length}+}\r\n${tiny}`)).done).toMatch(/^t\d+ OK/);

      const [{ information_store_id: storeId }] = await server.app
        .get(DataSource)
        .query<Array<{ information_store_id: string }>>(
          `SELECT information_store_id FROM mailbox WHERE recipient_id = $1`,
          [user.id],
        );
      expect((await admin.post(`/api/stores/${storeId}/dismount`)).status).toBe(200);
      try {
        const status = await session.command('STATUS INBOX (MESSAGES)');
        expect(status.done).toMatch(/^t\d+ NO .*dismounted; try again later/);
        expect((await session.command('FETCH 1 (BODY.PEEK[])')).done).toMatch(/^t\d+ NO /);
      } finally {
        expect((await admin.post(`/api/stores/${storeId}/mount`)).status).toBe(200);
      }
      expect((await session.command('STATUS INBOX (MESSAGES)')).untagged).toEqual(['* STATUS "INBOX" (MESSAGES 2)']);
    } finally {
      await session.close();
    }
  });

  it('a session resolving names sees folders created, renamed and deleted by another at its next command', async () => {
    await createUser(admin, 'namesake');
    const a = await ImapSession.open(server.ports['imaps'], 'namesake', PASSWORD);
    const b = await ImapSession.open(server.ports['imaps'], 'namesake', PASSWORD);
    const status = async (name: string) => (await a.command(`STATUS "${name}" (MESSAGES)`)).done;
    // LIST answers from the kept list: it must follow the same changes.
    const listed = async () =>
      (await a.command('LIST "" "*"')).untagged.map((l) => /"([^"]*)"$/.exec(l)?.[1] ?? l).filter((n) => n !== 'INBOX');
    try {
      expect(await listed()).not.toContain('Projects');
      expect((await b.command('CREATE Projects')).done).toMatch(/^t\d+ OK/);
      expect(await listed()).toContain('Projects');
      expect(await status('Projects')).toMatch(/^t\d+ OK/);
      expect((await b.command('RENAME Projects Archive')).done).toMatch(/^t\d+ OK/);
      expect(await listed()).toContain('Archive');
      expect(await listed()).not.toContain('Projects');
      expect(await status('Projects')).toMatch(/^t\d+ NO \[NONEXISTENT\]/);
      expect(await status('Archive')).toMatch(/^t\d+ OK/);
      // Changed outside IMAP (the webmail, another server process): the database trigger tells every
      // session (on PostgreSQL its notification takes a moment to arrive).
      await server.app.get(DataSource).query(
        `UPDATE folder f SET name = 'Old projects' FROM mailbox m, recipient r
          WHERE m.id = f.mailbox_id AND r.id = m.recipient_id AND r.alias = 'namesake' AND f.name = 'Archive'`,
      );
      await eventually(async () => expect(await status('Archive')).toMatch(/^t\d+ NO \[NONEXISTENT\]/));
      expect(await status('Old projects')).toMatch(/^t\d+ OK/);
      expect(await listed()).toContain('Old projects');
      expect((await b.command('DELETE "Old projects"')).done).toMatch(/^t\d+ OK/);
      expect(await listed()).not.toContain('Old projects');
      expect(await status('Old projects')).toMatch(/^t\d+ NO \[NONEXISTENT\]/);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('SORT and THREAD (RFC 5256) over the store', async () => {
    const user = await createUser(admin, 'sorter');
    for (const subject of ['beta', 'alpha', 'Re: alpha']) await deliver(server, user.id, sampleMessage(subject));
    const session = await ImapSession.open(server.ports['imaps'], 'sorter', PASSWORD);
    try {
      await session.command('SELECT INBOX');
      expect((await session.command('SORT (SUBJECT) UTF-8 ALL')).untagged).toEqual(['* SORT 2 3 1']);
      // REVERSE turns the subject order round; equal keys stay in ascending order (RFC 5256 §3).
      expect((await session.command('UID SORT (REVERSE SUBJECT) UTF-8 ALL')).untagged).toEqual(['* SORT 1 2 3']);
      expect((await session.command('SORT (SUBJECT) UTF-8 NOT SUBJECT beta')).untagged).toEqual(['* SORT 2 3']);
      const threads = (await session.command('THREAD ORDEREDSUBJECT UTF-8 ALL')).untagged;
      expect(threads).toHaveLength(1);
      expect(threads[0]).toMatch(/^\* THREAD /);
      expect(threads[0]).toContain('(2 3)');
      expect(threads[0]).toContain('(1)');
    } finally {
      await session.close();
    }
  });

  it('the public folder tree is listed in the shared namespace, each folder a mailbox before any post', async () => {
    await createUser(admin, 'publicreader');
    const root = await admin.get<{ id: string }>('/api/public-folders/root');
    const created = await admin.post<{ id: string }>('/api/public-folders', {
      parentId: root.body.id,
      name: 'Projects',
    });
    expect(created.status).toBe(201);
    await admin.post('/api/public-folders', { parentId: created.body.id, name: 'Estafette' });
    const session = await ImapSession.open(server.ports['imaps'], 'publicreader', PASSWORD);
    try {
      expect((await session.command('NAMESPACE')).untagged[0]).toContain('(("Public Folders/" "/"))');
      expect((await session.command('LIST "" "Public Folders/*"')).untagged).toEqual([
        '* LIST (\\HasChildren) "/" "Public Folders/Projects"',
        '* LIST (\\HasNoChildren) "/" "Public Folders/Projects/Estafette"',
      ]);
      const selected = await session.command('SELECT "Public Folders/Projects"');
      expect(selected.done).toMatch(/^t\d+ OK/);
      expect(selected.untagged).toContain('* 0 EXISTS');
      expect((await session.command('SELECT "Public Folders/Nowhere"')).done).toMatch(/^t\d+ NO \[NONEXISTENT\]/);
    } finally {
      await session.close();
    }
  });

  it('RENAME INBOX (RFC 3501 §6.3.5) moves every Inbox message to the new mailbox; INBOX stays, empty', async () => {
    const user = await createUser(admin, 'renamer');
    await deliver(server, user.id, sampleMessage('first'));
    await deliver(server, user.id, sampleMessage('second'));
    const client = await imapflow(server.ports['imaps'], 'renamer', PASSWORD);
    try {
      expect(await client.status('INBOX', { messages: true })).toMatchObject({ messages: 2 });
      const renamed = await client.mailboxRename('INBOX', 'Old Mail');
      expect(renamed.newPath).toBe('Old Mail');

      const inbox = await client.mailboxOpen('INBOX');
      expect(inbox.exists).toBe(0);
      const old = await client.mailboxOpen('Old Mail');
      expect(old.exists).toBe(2);
      const sources: string[] = [];
      for await (const message of client.fetch('1:*', { uid: true, source: true }))
        sources.push(message.source?.toString() ?? '');
      expect(sources).toEqual([sampleMessage('first'), sampleMessage('second')]);

      // Superior names are created as CREATE creates them; an existing target is refused.
      await deliver(server, user.id, sampleMessage('third'));
      await client.mailboxRename('INBOX', 'Archive 2026/From Inbox');
      expect(await client.status('Archive 2026/From Inbox', { messages: true })).toMatchObject({ messages: 1 });
      expect(await client.status('INBOX', { messages: true })).toMatchObject({ messages: 0 });
      await expect(client.mailboxRename('INBOX', 'Old Mail')).rejects.toThrow();
      expect(await client.status('Old Mail', { messages: true })).toMatchObject({ messages: 2 });
    } finally {
      await client.logout();
    }
  });

  it('settings apply without a restart: plaintext LOGIN on port 143 once the administrator allows it', async () => {
    await createUser(admin, 'plainuser');
    const port = server.ports['imap'];
    const before = await imaplib('login', port, 'plainuser', { tls: 'plain' });
    expect(before.capabilities).toContain('LOGINDISABLED');
    expect(before.error).toBeDefined();
    await configureImap(server, { allowPlaintextAuth: true });
    try {
      expect(server.ports['imap']).toBe(port);
      const after = await imaplib('login', port, 'plainuser', { tls: 'plain' });
      expect(after.capabilities).not.toContain('LOGINDISABLED');
      expect(after.login?.[0]).toBe('OK');
    } finally {
      await configureImap(server, { allowPlaintextAuth: false });
    }
  });
});
