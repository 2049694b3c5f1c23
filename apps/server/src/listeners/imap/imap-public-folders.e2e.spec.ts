import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicFolderDto, RecipientDto } from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { createUser, eventually, PASSWORD } from '../smtp/testing/smtp-fixtures';
import { smtplib } from '../smtp/testing/smtplib';
import { ImapSession } from './testing/imap-session';

/**
 * The shared namespace serves the public folder tree's items (issue 4): mail posted to a mail-enabled
 * public folder over SMTP is read and written over IMAP according to the folder's client permissions,
 * mapped to RFC 4314 rights.
 */
describe('IMAP shared namespace: public folder content by permission role (real clients, real database)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let author: RecipientDto;
  let board: PublicFolderDto;

  beforeAll(async () => {
    process.env['ESTAFETTE_QUEUE_POLL_MS'] = '200';
    server = await startTestServer();
    admin = await server.login();
    // pfreviewer has no entry of its own: Default (Reviewer) decides.
    await createUser(admin, 'pfreviewer');
    author = await createUser(admin, 'pfauthor');
    const root = (await admin.get<PublicFolderDto>('/api/public-folders/root')).body;
    const created = await admin.post<PublicFolderDto>('/api/public-folders', { parentId: root.id, name: 'Board' });
    expect(created.status).toBe(201);
    const enabled = await admin.patch<PublicFolderDto>(`/api/public-folders/${created.body.id}`, {
      mailEnabled: true,
    });
    expect(enabled.status).toBe(200);
    board = enabled.body;
    const owner = board.permissions.find((p) => p.role === 'owner') as { recipientId: string };
    const set = await admin.put<PublicFolderDto>(`/api/public-folders/${board.id}/permissions`, [
      { principal: 'recipient', recipientId: owner.recipientId, role: 'owner' },
      { principal: 'recipient', recipientId: author.id, role: 'author' },
      { principal: 'default', role: 'reviewer' },
      { principal: 'anonymous', role: 'contributor' },
    ]);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
  });
  afterAll(async () => {
    delete process.env['ESTAFETTE_QUEUE_POLL_MS'];
    await server?.close();
  });

  it('a message posted over SMTP is read by a Reviewer, who may not flag it for deletion nor APPEND', async () => {
    const session = await ImapSession.open(server.ports['imaps'], 'pfreviewer', PASSWORD);
    try {
      // Before anything was posted the folder is an empty mailbox (its content folder made at first sight).
      expect((await session.command('LIST "" "Public Folders/*"')).untagged).toEqual([
        '* LIST (\\HasNoChildren) "/" "Public Folders/Board"',
      ]);
      expect((await session.command('STATUS "Public Folders/Board" (MESSAGES UIDNEXT)')).untagged).toEqual([
        '* STATUS "Public Folders/Board" (MESSAGES 0 UIDNEXT 1)',
      ]);
      const posted = await smtplib('plain', server.ports['smtp'], {
        from: 'someone@remote.example',
        to: [board.primarySmtpAddress ?? ''],
        body: 'From: someone@remote.example\r\nSubject: agenda\r\nMessage-ID: <agenda@test>\r\n\r\nItem one.\r\n',
      });
      expect(posted.transaction.data?.code).toBe(250);
      await eventually(async () =>
        expect((await session.command('STATUS "Public Folders/Board" (MESSAGES)')).untagged).toEqual([
          '* STATUS "Public Folders/Board" (MESSAGES 1)',
        ]),
      );
      expect((await session.command('LIST "" "Public Folders/*"')).untagged).toEqual([
        '* LIST (\\HasNoChildren) "/" "Public Folders/Board"',
      ]);
      expect((await session.command('MYRIGHTS "Public Folders/Board"')).untagged).toEqual([
        '* MYRIGHTS "Public Folders/Board" lr',
      ]);
      const selected = await session.command('SELECT "Public Folders/Board"');
      expect(selected.done).toMatch(/^t\d+ OK \[READ-ONLY\]/);
      expect(selected.untagged).toContain('* 1 EXISTS');
      const fetched = await session.command('UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])');
      expect(fetched.done).toMatch(/OK/);
      expect(fetched.untagged.join('\n')).toContain('Subject: agenda');
      expect((await session.command('UID SEARCH SUBJECT agenda')).untagged).toEqual(['* SEARCH 1']);
      // No write right at all (RFC 4314 §4): the folder is read-only, so the library refuses every change.
      expect((await session.command('STORE 1 +FLAGS (\\Deleted)')).done).toMatch(/^t\d+ NO \[READ-ONLY\]/);
      expect((await session.command('APPEND "Public Folders/Board" {12+}\r\nSubject: x\r\n')).done).toMatch(
        /^t\d+ NO \[NOPERM\]/,
      );
      expect((await session.command('SETACL "Public Folders/Board" pfauthor lrswipte')).done).toMatch(
        /^t\d+ NO \[NOPERM\]/,
      );
      expect((await session.command('CREATE "Public Folders/Board/Sub"')).done).toMatch(/^t\d+ NO \[NOPERM\]/);
    } finally {
      await session.close();
    }
  });

  it('a Reviewer holds no write right: SELECT opens the folder read-only and EXPUNGE is refused', async () => {
    const session = await ImapSession.open(server.ports['imaps'], 'pfreviewer', PASSWORD);
    try {
      expect((await session.command('SELECT "Public Folders/Board"')).done).toMatch(/READ-ONLY/);
      expect((await session.command('EXPUNGE')).done).toMatch(/^t\d+ NO \[READ-ONLY\]/);
      expect((await session.command('COPY 1 "Public Folders/Board"')).done).toMatch(/^t\d+ NO \[NOPERM\]/);
    } finally {
      await session.close();
    }
  });

  it('an Author may APPEND and read back, but not delete; COPY out of and into the folder', async () => {
    const session = await ImapSession.open(server.ports['imaps'], 'pfauthor', PASSWORD);
    try {
      expect((await session.command('MYRIGHTS "Public Folders/Board"')).untagged).toEqual([
        '* MYRIGHTS "Public Folders/Board" lrip',
      ]);
      const appended = await session.command(
        'APPEND "Public Folders/Board" (\\Seen \\Flagged) {27+}\r\nSubject: minutes\r\n\r\nDone.\r\n',
      );
      expect(appended.done).toMatch(/^t\d+ OK \[APPENDUID \d+ 2\]/);
      const selected = await session.command('SELECT "Public Folders/Board"');
      expect(selected.done).toMatch(/^t\d+ OK \[READ-WRITE\]/);
      expect(selected.untagged).toContain('* 2 EXISTS');
      // Flags the Author may not set (\Seen, \Flagged need "s" and "w") were dropped silently (RFC 4314 §4).
      expect((await session.command('UID FETCH 2 (FLAGS)')).untagged).toEqual(['* 2 FETCH (UID 2 FLAGS ())']);
      expect((await session.command('STORE 1 +FLAGS (\\Deleted)')).done).toMatch(/^t\d+ NO \[NOPERM\]/);
      const quotaRoot = await session.command('GETQUOTAROOT "Public Folders/Board"');
      expect(quotaRoot.done).toMatch(/^t\d+ OK/);
      expect(quotaRoot.untagged).toEqual(['* QUOTAROOT "Public Folders/Board"']);
      expect((await session.command('COPY 1 INBOX')).done).toMatch(/^t\d+ OK/);
      expect((await session.command('SELECT INBOX')).untagged).toContain('* 1 EXISTS');
      expect((await session.command('COPY 1 "Public Folders/Board"')).done).toMatch(/^t\d+ OK \[COPYUID/);
      expect((await session.command('STATUS "Public Folders/Board" (MESSAGES)')).untagged).toEqual([
        '* STATUS "Public Folders/Board" (MESSAGES 3)',
      ]);
    } finally {
      await session.close();
    }
  });

  it('LIST follows the tree as the console changes it (a session keeps what it listed in between)', async () => {
    const session = await ImapSession.open(server.ports['imaps'], 'pfreviewer', PASSWORD);
    const listed = async () => (await session.command('LIST "" "Public Folders/Minutes*"')).untagged;
    try {
      expect(await listed()).toEqual([]);
      const root = (await admin.get<PublicFolderDto>('/api/public-folders/root')).body;
      const created = await admin.post<PublicFolderDto>('/api/public-folders', { parentId: root.id, name: 'Minutes' });
      expect(created.status).toBe(201);
      // On PostgreSQL the console's change reaches this process's sessions through NOTIFY, a moment later.
      await eventually(async () =>
        expect(await listed()).toEqual(['* LIST (\\HasNoChildren) "/" "Public Folders/Minutes"']),
      );
      const renamed = await admin.patch<PublicFolderDto>(`/api/public-folders/${created.body.id}`, {
        name: 'Minutes 2026',
      });
      expect(renamed.status).toBe(200);
      await eventually(async () =>
        expect(await listed()).toEqual(['* LIST (\\HasNoChildren) "/" "Public Folders/Minutes 2026"']),
      );
      expect((await admin.delete(`/api/public-folders/${created.body.id}`)).status).toBeLessThan(300);
      await eventually(async () => expect(await listed()).toEqual([]));
    } finally {
      await session.close();
    }
  });

  it('an Author APPENDs to a folder nothing was posted to; while its store is dismounted it is \\Noselect', async () => {
    const root = (await admin.get<PublicFolderDto>('/api/public-folders/root')).body;
    const created = await admin.post<PublicFolderDto>('/api/public-folders', { parentId: root.id, name: 'Notices' });
    expect(created.status).toBe(201);
    const owner = created.body.permissions.find((p) => p.role === 'owner') as { recipientId: string };
    const set = await admin.put<PublicFolderDto>(`/api/public-folders/${created.body.id}/permissions`, [
      { principal: 'recipient', recipientId: owner.recipientId, role: 'owner' },
      { principal: 'recipient', recipientId: author.id, role: 'author' },
      { principal: 'default', role: 'reviewer' },
    ]);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const [store] = (await admin.get<Array<{ id: string }>>('/api/stores?kind=public')).body;
    const session = await ImapSession.open(server.ports['imaps'], 'pfauthor', PASSWORD);
    try {
      expect((await admin.post(`/api/stores/${store.id}/dismount`)).status).toBe(200);
      expect((await session.command('LIST "" "Public Folders/Notices"')).untagged).toEqual([
        '* LIST (\\Noselect \\HasNoChildren) "/" "Public Folders/Notices"',
      ]);
      expect((await session.command('APPEND "Public Folders/Notices" {12+}\r\nSubject: x\r\n')).done).toMatch(
        /^t\d+ NO .*dismounted/,
      );
      expect((await admin.post(`/api/stores/${store.id}/mount`)).status).toBe(200);
      const appended = await session.command(
        'APPEND "Public Folders/Notices" {30+}\r\nSubject: first notice\r\n\r\nHi.\r\n',
      );
      expect(appended.done).toMatch(/^t\d+ OK \[APPENDUID \d+ 1\]/);
      expect((await session.command('LIST "" "Public Folders/Notices"')).untagged).toEqual([
        '* LIST (\\HasNoChildren) "/" "Public Folders/Notices"',
      ]);
      const selected = await session.command('SELECT "Public Folders/Notices"');
      expect(selected.untagged).toContain('* 1 EXISTS');
      expect((await session.command('UID SEARCH SUBJECT notice')).untagged).toEqual(['* SEARCH 1']);
    } finally {
      await session.close();
    }
  });
});
