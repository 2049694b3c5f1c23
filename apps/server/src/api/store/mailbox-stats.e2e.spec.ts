import { DataSource } from 'typeorm';
import {
  BLOB_STORE,
  MAILBOX_DELIVERY,
  MailboxService,
  type MailboxDelivery,
  type MailboxStats,
} from '@estafette/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, type TestServer } from '../../testing/test-server';
import { createUser, firstMailboxStoreId, queue, rfc822 } from './testing/store-fixtures';

describe('GET /api/mailboxes/:recipientId/stats', () => {
  let server: TestServer;
  let api: ApiClient;
  let db: DataSource;
  let storeId: string;

  beforeAll(async () => {
    server = await startTestServer();
    api = await server.login();
    db = server.app.get(DataSource);
    storeId = await firstMailboxStoreId(db);
  });
  afterAll(async () => server?.close());

  it('reports items and size per folder, totals, quota state and last logon', async () => {
    const userId = await createUser(db, 'stats-user', storeId);
    const delivery = server.app.get<MailboxDelivery>(MAILBOX_DELIVERY);
    const blobs = server.app.get(BLOB_STORE);
    const one = await queue(blobs, rfc822('One', 'first'));
    const two = await queue(blobs, rfc822('Two', 'second message'));
    await delivery.deliver({ recipientId: userId, blob: one });
    await delivery.deliver({ recipientId: userId, blob: two });
    await delivery.deliver({ recipientId: userId, blob: one, folderRole: 'junk' });
    const logon = await server.app.get(MailboxService).recordLogon(userId);

    const res = await api.get<MailboxStats>(`/api/mailboxes/${userId}/stats`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      recipientId: userId,
      alias: 'stats-user',
      store: { id: storeId, mounted: true },
      mailboxExists: true,
      totalItems: 3,
      totalBytes: 2 * one.size + two.size,
      quotaState: 'ok',
      lastLogonAt: logon.mailbox.lastLogonAt?.toISOString(),
    });
    expect(res.body.folders).toEqual([
      { name: 'Inbox', role: 'inbox', itemCount: 2, sizeBytes: one.size + two.size },
      { name: 'Sent Items', role: 'sent', itemCount: 0, sizeBytes: 0 },
      { name: 'Drafts', role: 'drafts', itemCount: 0, sizeBytes: 0 },
      { name: 'Deleted Items', role: 'trash', itemCount: 0, sizeBytes: 0 },
      { name: 'Junk E-mail', role: 'junk', itemCount: 1, sizeBytes: one.size },
      { name: 'Outbox', role: 'outbox', itemCount: 0, sizeBytes: 0 },
    ]);
  });

  it('answers for a mailbox not created yet, and 404 for unknown recipients or recipients without mailbox', async () => {
    const fresh = await createUser(db, 'stats-fresh', storeId);
    const res = await api.get<MailboxStats>(`/api/mailboxes/${fresh}/stats`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mailboxExists: false, folders: [], totalItems: 0, lastLogonAt: null });
    const noMailbox = await createUser(db, 'stats-none', null);
    expect((await api.get(`/api/mailboxes/${noMailbox}/stats`)).status).toBe(404);
    expect((await api.get(`/api/mailboxes/00000000-0000-0000-0000-000000000000/stats`)).status).toBe(404);
    expect((await api.get(`/api/mailboxes/not-a-uuid/stats`)).status).toBe(400);
  });

  it('requires a signed-in administrator', async () => {
    const anonymous = new ApiClient(server.baseUrl, null);
    expect((await anonymous.get(`/api/mailboxes/00000000-0000-0000-0000-000000000000/stats`)).status).toBe(401);
  });
});
