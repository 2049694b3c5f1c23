import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicFolderDto, RecipientDto, TrackingEventDto } from '@estafette/contracts';
import { DataSource } from 'typeorm';
import {
  FolderService,
  MessageService,
  PUBLIC_FOLDER_DELIVERY,
  StoreMaintenanceService,
  type PublicFolderDelivery,
} from '@estafette/store';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { createUser, eventually, PASSWORD, updateRecipient } from './testing/smtp-fixtures';
import { smtplib } from './testing/smtplib';

/**
 * Mail through a real SMTP session (Python's smtplib on port 25) all the way into the store: the
 * addresses the organisation answers for without a recipient of their own (postmaster) and mail-enabled
 * public folders.
 */
describe('SMTP to the store end to end (smtplib, real database)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let administratorId: string;
  let folders: FolderService;
  let messages: MessageService;

  const inboxSubjects = async (recipientId: string) => {
    const inbox = await folders.byRole(recipientId, 'inbox');
    return (await messages.list(inbox.id)).map((m) => m.subject);
  };
  const mail = (subject: string, from = 'someone@remote.example') =>
    `From: ${from}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@test>\r\n\r\nHello.\r\n`;
  const tracked = async (messageId: string) =>
    (await admin.get<TrackingEventDto[]>(`/api/tracking?messageId=${encodeURIComponent(messageId)}`)).body;

  beforeAll(async () => {
    process.env['ESTAFETTE_QUEUE_POLL_MS'] = '200';
    server = await startTestServer();
    admin = await server.login();
    folders = server.app.get(FolderService);
    messages = server.app.get(MessageService);
    const session = await admin.get<{ recipientId: string }>('/api/auth/session');
    administratorId = session.body.recipientId;
  });
  afterAll(async () => server?.close());

  describe('postmaster (RFC 5321 §4.5.1)', () => {
    it('accepts RCPT TO:<postmaster> without a domain and delivers it to the administrator, like postmaster@domain', async () => {
      const py = await smtplib('plain', server.ports['smtp'], {
        from: 'someone@remote.example',
        to: ['postmaster', 'Postmaster@TEST.example'],
        body: mail('to the postmaster'),
      });
      expect(py.transaction.rcpt.map((r) => r.code)).toEqual([250, 250]);
      expect(py.transaction.data?.code).toBe(250);
      // Both envelope recipients reach the same mailbox: one copy (the categorizer's rule).
      await eventually(async () => expect(await inboxSubjects(administratorId)).toEqual(['to the postmaster']));

      const other = await smtplib('plain', server.ports['smtp'], {
        from: 'someone@remote.example',
        to: ['postmaster@elsewhere.example'],
      });
      expect(other.transaction.rcpt[0].code).toBe(554);
    });

    it('follows the address when a recipient is given postmaster@ of the primary domain', async () => {
      const ops: RecipientDto = await createUser(admin, 'ops');
      await updateRecipient(admin, ops.id, {
        emailAddresses: [
          ...ops.emailAddresses.map((a) => ({ address: a.address, isPrimary: a.isPrimary })),
          { address: 'postmaster@test.example', isPrimary: false },
        ],
      });
      const py = await smtplib('plain', server.ports['smtp'], {
        from: 'someone@remote.example',
        to: ['postmaster'],
        body: mail('for ops'),
      });
      expect(py.transaction.data?.code).toBe(250);
      await eventually(async () => expect(await inboxSubjects(ops.id)).toEqual(['for ops']));
      expect(await inboxSubjects(administratorId)).toEqual(['to the postmaster']);
    });
  });

  describe('mail-enabled public folders', () => {
    let news: PublicFolderDto;
    let alice: RecipientDto;
    let bob: RecipientDto;
    const folderSubjects = async (folder: PublicFolderDto) => {
      const contentFolder = await server.app
        .get<PublicFolderDelivery>(PUBLIC_FOLDER_DELIVERY)
        .contentFolderOf(folder.id);
      return contentFolder ? (await messages.list(contentFolder)).map((m) => m.subject) : [];
    };
    const failure = async (subject: string) =>
      eventually(async () => {
        const failed = (await tracked(`<${subject}@test>`)).find((e) => e.event === 'failed');
        expect(failed).toBeDefined();
        return failed as TrackingEventDto;
      });

    beforeAll(async () => {
      alice = await createUser(admin, 'alice');
      bob = await createUser(admin, 'bob');
      const root = (await admin.get<PublicFolderDto>('/api/public-folders/root')).body;
      const created = await admin.post<PublicFolderDto>('/api/public-folders', { parentId: root.id, name: 'News' });
      expect(created.status).toBe(201);
      const enabled = await admin.patch<PublicFolderDto>(`/api/public-folders/${created.body.id}`, {
        mailEnabled: true,
      });
      expect(enabled.body.primarySmtpAddress).toBe('News@test.example');
      news = enabled.body;
    });

    it('takes Internet mail into the folder: mail-enabling lets Anonymous post (smtplib, port 25)', async () => {
      expect(news.permissions.find((p) => p.principal === 'anonymous')?.role).toBe('contributor');
      const py = await smtplib('plain', server.ports['smtp'], {
        from: 'someone@remote.example',
        to: ['news@TEST.example'],
        body: mail('first post'),
      });
      expect(py.transaction.rcpt[0].code).toBe(250);
      expect(py.transaction.data?.code).toBe(250);
      await eventually(async () => expect(await folderSubjects(news)).toEqual(['first post']));
      // The queue records the outcome in its own transaction, after the store's commit.
      await eventually(async () => {
        const delivered = (await tracked('<firstpost@test>')).find((e) => e.event === 'delivered');
        expect(delivered).toMatchObject({ recipient: 'news@TEST.example', status: '2.0.0' });
      });
    });

    it('applies the folder’s client permissions as Exchange does: Anonymous, Default, or the sender’s own entry', async () => {
      const owner = news.permissions.find((p) => p.role === 'owner') as { recipientId: string };
      const set = await admin.put<PublicFolderDto>(`/api/public-folders/${news.id}/permissions`, [
        { principal: 'recipient', recipientId: owner.recipientId, role: 'owner' },
        { principal: 'recipient', recipientId: alice.id, role: 'contributor' },
        { principal: 'default', role: 'reviewer' },
        { principal: 'anonymous', role: 'none' },
      ]);
      expect(set.status, JSON.stringify(set.body)).toBe(200);

      const anonymous = await smtplib('plain', server.ports['smtp'], {
        from: 'someone@remote.example',
        to: ['news@test.example'],
        body: mail('anonymous post'),
      });
      expect(anonymous.transaction.data?.code).toBe(250);
      expect(await failure('anonymouspost')).toMatchObject({ status: '5.7.1' });

      const fromBob = await smtplib('plain', server.ports['submission'], {
        starttls: true,
        user: 'bob',
        password: PASSWORD,
        from: bob.primarySmtpAddress,
        to: ['news@test.example'],
        body: mail('reviewer post', bob.primarySmtpAddress ?? ''),
      });
      expect(fromBob.transaction.data?.code).toBe(250);
      expect(await failure('reviewerpost')).toMatchObject({ status: '5.7.1' });

      const fromAlice = await smtplib('plain', server.ports['submission'], {
        starttls: true,
        user: 'alice',
        password: PASSWORD,
        from: alice.primarySmtpAddress,
        to: ['news@test.example'],
        body: mail('contributor post', alice.primarySmtpAddress ?? ''),
      });
      expect(fromAlice.transaction.data?.code).toBe(250);
      await eventually(async () => expect(await folderSubjects(news)).toEqual(['first post', 'contributor post']));
    });

    it('releases the items of a deleted public folder in the maintenance pass', async () => {
      const delivery = server.app.get<PublicFolderDelivery>(PUBLIC_FOLDER_DELIVERY);
      const contentFolder = (await delivery.contentFolderOf(news.id)) as string;
      const items = await messages.list(contentFolder);
      expect(items).toHaveLength(2);
      const db = server.app.get(DataSource);
      const blobRows = () =>
        db.query<Array<{ refcount: number }>>(`SELECT refcount FROM store_blob WHERE sha256 = ANY($1::text[])`, [
          items.map((m) => m.sha256),
        ]);
      expect((await blobRows()).map((r) => r.refcount)).toEqual([1, 1]);
      expect((await admin.delete(`/api/public-folders/${news.id}`)).status).toBe(204);
      expect(await delivery.contentFolderOf(news.id)).toBeNull();
      await server.app.get(StoreMaintenanceService).runOnce();
      expect(await db.query(`SELECT id FROM folder WHERE id = $1`, [contentFolder])).toEqual([]);
      expect(await blobRows()).toEqual([]);
    });
  });
});
