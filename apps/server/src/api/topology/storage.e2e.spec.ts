import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InformationStoreDto, ServerDto, StorageGroupDto } from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { auditOf, deleteRecipient, fieldsOf, insertMailbox, UNKNOWN_ID } from './testing/topology-fixtures';

describe('storage groups and information stores API', () => {
  let server: TestServer;
  let admin: ApiClient;
  let mail1: ServerDto;
  let first: StorageGroupDto;
  let second: StorageGroupDto;
  let store: InformationStoreDto;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    [mail1] = (await admin.get<ServerDto[]>('/api/servers')).body;
  });
  afterAll(async () => server.close());

  describe('storage groups', () => {
    it('lists First Storage Group of the server', async () => {
      const res = await admin.get<StorageGroupDto[]>(`/api/servers/${mail1.id}/storage-groups`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{ id: expect.any(String), serverId: mail1.id, name: 'First Storage Group' }]);
      first = res.body[0];
      expect((await admin.get(`/api/storage-groups/${first.id}`)).body).toEqual(first);
    });

    it('creates and renames storage groups with audit, refusing duplicate names on the server', async () => {
      const created = await admin.post<StorageGroupDto>(`/api/servers/${mail1.id}/storage-groups`, { name: 'SG2' });
      expect(created.status).toBe(201);
      second = created.body;
      const renamed = await admin.patch<StorageGroupDto>(`/api/storage-groups/${second.id}`, {
        name: 'Second Storage Group',
      });
      expect(renamed.body.name).toBe('Second Storage Group');
      expect((await auditOf(admin, 'storage-group', second.id)).map((e) => e.action)).toEqual(['update', 'create']);

      const dup = await admin.post<{ message: string }>(`/api/servers/${mail1.id}/storage-groups`, {
        name: 'first storage group',
      });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toMatch(/already has a storage group named "first storage group"/);
      expect(fieldsOf((await admin.post(`/api/servers/${mail1.id}/storage-groups`, { name: 'a:b' })).body)).toEqual([
        'name',
      ]);
    });

    it('allows at most four storage groups per server', async () => {
      for (const name of ['SG3', 'SG4'])
        expect((await admin.post(`/api/servers/${mail1.id}/storage-groups`, { name })).status).toBe(201);
      const fifth = await admin.post<{ message: string }>(`/api/servers/${mail1.id}/storage-groups`, { name: 'SG5' });
      expect(fifth.status).toBe(409);
      expect(fifth.body.message).toMatch(
        /already has 4 storage groups, the most an Exchange 2003 Enterprise Edition server allowed/,
      );
    });

    it('answers 404 for an unknown server or group and 400 for a malformed id', async () => {
      expect((await admin.get(`/api/servers/${UNKNOWN_ID}/storage-groups`)).status).toBe(404);
      expect((await admin.post(`/api/servers/${UNKNOWN_ID}/storage-groups`, { name: 'X' })).status).toBe(404);
      expect((await admin.get(`/api/storage-groups/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await admin.patch(`/api/storage-groups/${UNKNOWN_ID}`, { name: 'X' })).status).toBe(404);
      expect((await admin.get('/api/storage-groups/42')).status).toBe(400);
      expect((await admin.get('/api/servers/42/storage-groups')).status).toBe(400);
    });
  });

  describe('information stores', () => {
    it('lists the stores setup created, with their mailbox counts and filters', async () => {
      const all = (await admin.get<InformationStoreDto[]>('/api/stores')).body;
      expect(all.map((s) => [s.kind, s.name, s.mailboxCount])).toEqual([
        ['mailbox', 'Mailbox Store (MAIL1)', 1],
        ['public', 'Public Folder Store (MAIL1)', 0],
      ]);
      expect(all[0]).toMatchObject({
        serverId: mail1.id,
        storageGroupId: first.id,
        mounted: true,
        issueWarningKb: 1945600,
      });
      expect((await admin.get<InformationStoreDto[]>('/api/stores?kind=public')).body.map((s) => s.kind)).toEqual([
        'public',
      ]);
      expect(
        (await admin.get<InformationStoreDto[]>(`/api/stores?serverId=${mail1.id}&kind=mailbox`)).body,
      ).toHaveLength(1);
      expect((await admin.get<InformationStoreDto[]>(`/api/stores?serverId=${UNKNOWN_ID}`)).body).toEqual([]);
      expect(fieldsOf((await admin.get('/api/stores?kind=archive')).body)).toEqual(['kind']);
      expect(fieldsOf((await admin.get('/api/stores?serverId=mail1')).body)).toEqual(['serverId']);
      expect((await admin.get<InformationStoreDto[]>(`/api/storage-groups/${first.id}/stores`)).body).toHaveLength(2);
    });

    it('creates a store with escalating limits', async () => {
      const res = await admin.post<InformationStoreDto>(`/api/storage-groups/${second.id}/stores`, {
        kind: 'mailbox',
        name: 'Executives',
        issueWarningKb: 100,
        prohibitSendKb: 200,
        prohibitSendReceiveKb: 300,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        serverId: mail1.id,
        deletedItemRetentionDays: 7,
        mounted: true,
        mailboxCount: 0,
      });
      store = res.body;
    });

    it('validates limits, retention and kind with field errors', async () => {
      const url = `/api/storage-groups/${second.id}/stores`;
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ issueWarningKb: 300, prohibitSendKb: 200 }, 'issueWarningKb'],
        [{ prohibitSendKb: 500, prohibitSendReceiveKb: 400 }, 'prohibitSendKb'],
        [{ issueWarningKb: -1 }, 'issueWarningKb'],
        [{ deletedItemRetentionDays: 24856 }, 'deletedItemRetentionDays'],
        [{ deletedItemRetentionDays: null }, 'deletedItemRetentionDays'],
        [{ kind: 'archive' }, 'kind'],
        [{ name: '' }, 'name'],
      ];
      for (const [change, field] of cases) {
        const res = await admin.post(url, { kind: 'mailbox', name: 'Bad', ...change });
        expect(res.status, field).toBe(400);
        expect(fieldsOf(res.body), JSON.stringify(change)).toContain(field);
      }
      const patch = await admin.patch(`/api/stores/${store.id}`, { prohibitSendKb: 50 });
      expect(patch.status).toBe(400);
      expect(fieldsOf(patch.body)).toEqual(['issueWarningKb']);
    });

    it('updates limits and retention with audit', async () => {
      const res = await admin.patch<InformationStoreDto>(`/api/stores/${store.id}`, {
        issueWarningKb: null,
        prohibitSendKb: 50,
        deletedItemRetentionDays: 24855,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        issueWarningKb: null,
        prohibitSendKb: 50,
        prohibitSendReceiveKb: 300,
        deletedItemRetentionDays: 24855,
      });
      expect((await auditOf(admin, 'information-store', store.id))[0]).toMatchObject({
        action: 'update',
        before: { issueWarningKb: 100, prohibitSendKb: 200 },
        after: { issueWarningKb: null, prohibitSendKb: 50 },
      });
      expect(
        fieldsOf((await admin.patch(`/api/stores/${store.id}`, { kind: 'public', mounted: false })).body).sort(),
      ).toEqual(['kind', 'mounted']);
    });

    it('dismounts and mounts a store, idempotently and audited', async () => {
      const down = await admin.post<InformationStoreDto>(`/api/stores/${store.id}/dismount`);
      expect(down.status).toBe(200);
      expect(down.body.mounted).toBe(false);
      expect((await admin.post<InformationStoreDto>(`/api/stores/${store.id}/dismount`)).body.mounted).toBe(false);
      expect((await admin.post<InformationStoreDto>(`/api/stores/${store.id}/mount`)).body.mounted).toBe(true);
      const actions = (await auditOf(admin, 'information-store', store.id)).map((e) => e.action);
      expect(actions.slice(0, 2)).toEqual(['mount', 'dismount']);
      expect((await admin.post(`/api/stores/${UNKNOWN_ID}/mount`)).status).toBe(404);
    });

    it('allows at most five stores per storage group and unique names in it', async () => {
      const dup = await admin.post(`/api/storage-groups/${second.id}/stores`, { kind: 'public', name: 'EXECUTIVES' });
      expect(dup.status).toBe(409);
      for (const name of ['S2', 'S3', 'S4', 'S5']) {
        expect((await admin.post(`/api/storage-groups/${second.id}/stores`, { kind: 'public', name })).status).toBe(
          201,
        );
      }
      const sixth = await admin.post<{ message: string }>(`/api/storage-groups/${second.id}/stores`, {
        kind: 'public',
        name: 'S6',
      });
      expect(sixth.status).toBe(409);
      expect(sixth.body.message).toMatch(/already holds 5 stores/);
    });

    it('refuses to delete a store that homes mailboxes, or a storage group that holds stores', async () => {
      await insertMailbox(server, 'exec1', store.id);
      expect((await admin.get<InformationStoreDto>(`/api/stores/${store.id}`)).body.mailboxCount).toBe(1);
      const res = await admin.delete<{ message: string }>(`/api/stores/${store.id}`);
      expect(res.status).toBe(409);
      expect(res.body.message).toBe('the store still homes 1 mailbox; move them first');
      const sg = await admin.delete<{ message: string }>(`/api/storage-groups/${second.id}`);
      expect(sg.status).toBe(409);
      expect(sg.body.message).toMatch(/still holds 5 stores; delete them first/);
    });

    it('deletes empty stores and then their storage group', async () => {
      for (const s of (await admin.get<InformationStoreDto[]>(`/api/storage-groups/${second.id}/stores`)).body) {
        if (s.id !== store.id) expect((await admin.delete(`/api/stores/${s.id}`)).status).toBe(204);
      }
      await deleteRecipient(server, 'exec1');
      expect((await admin.delete(`/api/stores/${store.id}`)).status).toBe(204);
      expect((await auditOf(admin, 'information-store', store.id))[0]).toMatchObject({
        action: 'delete',
        before: { name: 'Executives' },
      });
      expect((await admin.delete(`/api/storage-groups/${second.id}`)).status).toBe(204);
      expect((await admin.get(`/api/storage-groups/${second.id}`)).status).toBe(404);
    });

    it('answers 404 for unknown ids and 400 for malformed ones', async () => {
      expect((await admin.get(`/api/stores/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await admin.patch(`/api/stores/${UNKNOWN_ID}`, { name: 'X' })).status).toBe(404);
      expect((await admin.delete(`/api/stores/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await admin.get(`/api/storage-groups/${UNKNOWN_ID}/stores`)).status).toBe(404);
      expect(
        (await admin.post(`/api/storage-groups/${UNKNOWN_ID}/stores`, { kind: 'mailbox', name: 'X' })).status,
      ).toBe(404);
      expect((await admin.get('/api/stores/not-an-id')).status).toBe(400);
      expect((await admin.post('/api/stores/not-an-id/dismount')).status).toBe(400);
    });
  });
});
