import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { AuditEntryDto, FolderPermissionDto, PublicFolderDto, SessionDto } from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { insertRecipient } from './recipient-fixtures';

describe('public folder tree', () => {
  let server: TestServer;
  let admin: ApiClient;
  let db: DataSource;
  let adminId: string;
  let aliceId: string;
  let bobId: string;
  let root: PublicFolderDto;
  const folders: Record<string, PublicFolderDto> = {};

  const create = async (parentId: string, name: string, extra: object = {}): Promise<PublicFolderDto> => {
    const res = await admin.post<PublicFolderDto>('/api/public-folders', { parentId, name, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const roles = (permissions: FolderPermissionDto[]) =>
    permissions.map((p) => `${p.principal === 'recipient' ? p.recipientId : p.principal}:${p.role}`);

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    db = server.app.get(DataSource);
    adminId = (await admin.get<SessionDto>('/api/auth/session')).body.recipientId;
    aliceId = await insertRecipient(db, { alias: 'alice', displayName: 'Alice Adams' });
    bobId = await insertRecipient(db, { alias: 'bob', displayName: 'Bob Brown' });
  });
  afterAll(async () => server.close());

  it('starts with the bare root made at setup and nothing below it', async () => {
    const res = await admin.get<PublicFolderDto>('/api/public-folders/root');
    expect(res.status).toBe(200);
    root = res.body;
    expect(root).toMatchObject({
      name: 'Public Folders',
      parentId: null,
      path: '/',
      hasChildren: false,
      mailEnabled: false,
      permissions: [],
    });
    expect((await admin.get('/api/public-folders')).body).toEqual([]);
    expect((await admin.get(`/api/public-folders/${root.id}`)).body).toEqual(root);
  });

  it('creates folders that copy the parent permissions and make the creator owner', async () => {
    folders.marketing = await create(root.id, 'Marketing', { description: 'Campaign material' });
    expect(folders.marketing).toMatchObject({
      path: '/Marketing',
      parentId: root.id,
      ownerId: adminId,
      description: 'Campaign material',
      hasChildren: false,
    });
    // Exchange 2003 top-level defaults: Default = Author, Anonymous = None.
    expect(roles(folders.marketing.permissions)).toEqual(['default:author', 'anonymous:none', `${adminId}:owner`]);

    folders.campaigns = await create(folders.marketing.id, 'Campaigns', { ownerId: aliceId });
    expect(folders.campaigns.path).toBe('/Marketing/Campaigns');
    expect(folders.campaigns.ownerId).toBe(aliceId);
    expect(roles(folders.campaigns.permissions).sort()).toEqual(
      ['default:author', 'anonymous:none', `${adminId}:owner`, `${aliceId}:owner`].sort(),
    );

    const top = await admin.get<PublicFolderDto[]>('/api/public-folders');
    expect(top.body.map((f) => [f.path, f.hasChildren])).toEqual([['/Marketing', true]]);
    const below = await admin.get<PublicFolderDto[]>(`/api/public-folders?parentId=${folders.marketing.id}`);
    expect(below.body.map((f) => f.path)).toEqual(['/Marketing/Campaigns']);
    expect((await admin.get<PublicFolderDto>('/api/public-folders/root')).body.hasChildren).toBe(true);
  });

  it('refuses duplicate sibling names, bad names and unknown references', async () => {
    const duplicate = await admin.post<{ message: string }>('/api/public-folders', {
      parentId: root.id,
      name: 'MARKETING',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toContain('MARKETING');
    // The same name is fine elsewhere in the tree.
    folders.nested = await create(folders.marketing.id, 'Marketing');
    for (const name of ['A/B', 'back\\slash', ' padded', '', 'x'.repeat(129)]) {
      expect((await admin.post('/api/public-folders', { parentId: root.id, name })).status, name).toBe(400);
    }
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await admin.post('/api/public-folders', { parentId: nobody, name: 'Orphan' })).status).toBe(400);
    expect(
      (await admin.post('/api/public-folders', { parentId: root.id, name: 'Orphan', ownerId: nobody })).status,
    ).toBe(400);
    expect((await admin.get(`/api/public-folders/${nobody}`)).status).toBe(404);
    expect((await admin.get(`/api/public-folders?parentId=${nobody}`)).status).toBe(404);
  });

  it('replaces the permission list as a whole and new subfolders inherit it', async () => {
    const put = await admin.put<PublicFolderDto>(`/api/public-folders/${folders.marketing.id}/permissions`, [
      { principal: 'default', role: 'reviewer' },
      { principal: 'recipient', recipientId: aliceId, role: 'owner' },
      { principal: 'recipient', recipientId: bobId, role: 'publishing-editor' },
    ]);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(roles(put.body.permissions)).toEqual([
      'default:reviewer',
      'anonymous:none',
      ...[`${aliceId}:owner`, `${bobId}:publishing-editor`].sort(),
    ]);

    const child = await create(folders.marketing.id, 'Press', { ownerId: bobId });
    expect(roles(child.permissions).sort()).toEqual(
      ['default:reviewer', 'anonymous:none', `${aliceId}:owner`, `${bobId}:owner`].sort(),
    );
    folders.press = child;

    const url = `/api/public-folders/${folders.marketing.id}/permissions`;
    const refused: Array<[unknown, RegExp]> = [
      [[{ principal: 'default', role: 'author' }], /at least one owner/],
      [
        [
          { principal: 'recipient', recipientId: aliceId, role: 'owner' },
          { principal: 'recipient', recipientId: aliceId, role: 'editor' },
        ],
        /twice/,
      ],
      [[{ principal: 'recipient', role: 'owner' }], /recipientId/],
      [[{ principal: 'anonymous', recipientId: aliceId, role: 'owner' }], /no recipientId/],
      [
        [{ principal: 'recipient', recipientId: '00000000-0000-4000-8000-000000000000', role: 'owner' }],
        /does not exist/,
      ],
      [[{ principal: 'default', role: 'superuser' }], /role/],
      [[{ principal: 'default', role: 'owner', extra: 1 }], /extra/],
      [{ principal: 'default', role: 'owner' }, /./],
    ];
    for (const [body, message] of refused) {
      const res = await admin.put<{ message: string }>(url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    expect((await admin.get<PublicFolderDto>(`/api/public-folders/${folders.marketing.id}`)).body.permissions).toEqual(
      put.body.permissions,
    );
  });

  it('mail-enables a folder with an address in the default policy domain', async () => {
    const res = await admin.patch<PublicFolderDto>(`/api/public-folders/${folders.campaigns.id}`, {
      mailEnabled: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      mailEnabled: true,
      alias: 'Campaigns',
      primarySmtpAddress: 'Campaigns@test.example',
    });
    // Internet mail arrives as Anonymous, which needs Create items (Contributor).
    expect(res.body.permissions.find((p) => p.principal === 'anonymous')?.role).toBe('contributor');
    const rows = await db.query<Array<{ address_key: string; is_primary: boolean }>>(
      `SELECT address_key, is_primary FROM recipient_address WHERE public_folder_id = $1`,
      [folders.campaigns.id],
    );
    expect(rows).toEqual([{ address_key: 'campaigns@test.example', is_primary: true }]);

    const renamed = await admin.patch<PublicFolderDto>(`/api/public-folders/${folders.campaigns.id}`, {
      alias: 'promo',
      displayName: 'Promotions',
    });
    expect(renamed.body).toMatchObject({
      alias: 'promo',
      primarySmtpAddress: 'promo@test.example',
      displayName: 'Promotions',
    });
  });

  it('refuses addresses and aliases that are taken, naming them', async () => {
    await db.query(
      `INSERT INTO recipient_address (recipient_id, address, address_key) VALUES ($1, 'news@test.example', 'news@test.example')`,
      [aliceId],
    );
    const address = await admin.patch<{ message: string }>(`/api/public-folders/${folders.press.id}`, {
      mailEnabled: true,
      alias: 'News',
    });
    expect(address.status).toBe(409);
    expect(address.body.message.toLowerCase()).toContain('news@test.example');
    expect(address.body.message).toContain('Alice Adams');

    const alias = await admin.patch<{ message: string }>(`/api/public-folders/${folders.press.id}`, {
      mailEnabled: true,
      alias: 'BOB',
    });
    expect(alias.status).toBe(409);
    expect(alias.body.message).toContain('Bob Brown');

    const folderAlias = await admin.patch<{ message: string }>(`/api/public-folders/${folders.press.id}`, {
      mailEnabled: true,
      alias: 'promo',
    });
    expect(folderAlias.status).toBe(409);
    expect(folderAlias.body.message).toContain('Campaigns');

    expect((await admin.patch(`/api/public-folders/${folders.press.id}`, { alias: 'lonely' })).status).toBe(400);
    expect(
      (await admin.patch(`/api/public-folders/${folders.press.id}`, { mailEnabled: true, alias: 'two words' })).status,
    ).toBe(400);
    expect((await admin.patch(`/api/public-folders/${root.id}`, { mailEnabled: true, alias: 'root' })).status).toBe(
      409,
    );
    // Nothing of the refused changes stuck.
    const press = (await admin.get<PublicFolderDto>(`/api/public-folders/${folders.press.id}`)).body;
    expect(press).toMatchObject({ mailEnabled: false, alias: null, primarySmtpAddress: null });
  });

  it('mail-disables a folder, removing its addresses', async () => {
    const res = await admin.patch<PublicFolderDto>(`/api/public-folders/${folders.campaigns.id}`, {
      mailEnabled: false,
    });
    expect(res.body).toMatchObject({ mailEnabled: false, alias: null, primarySmtpAddress: null });
    const rows = await db.query<unknown[]>(`SELECT 1 FROM recipient_address WHERE public_folder_id = $1`, [
      folders.campaigns.id,
    ]);
    expect(rows).toEqual([]);
    const again = await admin.patch<PublicFolderDto>(`/api/public-folders/${folders.campaigns.id}`, {
      mailEnabled: true,
    });
    expect(again.body.primarySmtpAddress).toBe('Campaigns@test.example');
  });

  it('renames and moves folders but never below themselves', async () => {
    const url = (f: PublicFolderDto) => `/api/public-folders/${f.id}`;
    expect((await admin.patch(url(folders.marketing), { parentId: folders.campaigns.id })).status).toBe(400);
    expect((await admin.patch(url(folders.marketing), { parentId: folders.marketing.id })).status).toBe(400);
    expect((await admin.patch(url(root), { name: 'Everything' })).status).toBe(409);
    expect((await admin.patch(url(root), { parentId: folders.marketing.id })).status).toBe(409);
    expect((await admin.patch(url(root), { description: 'All shared folders' })).status).toBe(200);

    const moved = await admin.patch<PublicFolderDto>(url(folders.campaigns), {
      parentId: root.id,
      name: 'Campaigns 2025',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.path).toBe('/Campaigns 2025');
    const clash = await admin.patch<{ message: string }>(url(folders.campaigns), { name: 'marketing' });
    expect(clash.status).toBe(409);
    const back = await admin.patch<PublicFolderDto>(url(folders.campaigns), { parentId: folders.marketing.id });
    expect(back.body.path).toBe('/Marketing/Campaigns 2025');
  });

  it('deletes leaf folders only, with their addresses', async () => {
    expect((await admin.delete(`/api/public-folders/${folders.marketing.id}`)).status).toBe(409);
    expect((await admin.delete(`/api/public-folders/${root.id}`)).status).toBe(409);
    expect((await admin.delete(`/api/public-folders/${folders.campaigns.id}`)).status).toBe(204);
    expect((await admin.get(`/api/public-folders/${folders.campaigns.id}`)).status).toBe(404);
    const rows = await db.query<unknown[]>(
      `SELECT 1 FROM recipient_address WHERE address_key = 'campaigns@test.example'`,
    );
    expect(rows).toEqual([]);
    // The freed address can be used again at once.
    const reuse = await admin.patch<PublicFolderDto>(`/api/public-folders/${folders.press.id}`, {
      mailEnabled: true,
      alias: 'campaigns',
    });
    expect(reuse.status).toBe(200);
  });

  it('audits every change with before and after', async () => {
    const audit = await admin.get<AuditEntryDto[]>('/api/audit?objectType=public-folder&limit=200');
    const actions = audit.body.map((e) => `${e.action} ${e.objectName}`);
    expect(actions).toEqual(
      expect.arrayContaining(['create /Marketing', 'create /Marketing/Campaigns', 'delete /Marketing/Campaigns 2025']),
    );
    const permissions = audit.body.find(
      (e) => e.action === 'update' && e.objectName === '/Marketing' && 'permissions' in (e.after as object),
    );
    expect(permissions).toMatchObject({
      actorName: 'Administrator',
      before: { permissions: expect.any(Array) },
      after: { permissions: expect.any(Array) },
    });
    const enabled = audit.body.filter(
      (e) =>
        (e.before as PublicFolderDto | null)?.mailEnabled === false &&
        (e.after as PublicFolderDto | null)?.mailEnabled === true,
    );
    // Newest first: Press took the freed address, Campaigns was enabled twice.
    expect(enabled.map((e) => (e.after as PublicFolderDto).primarySmtpAddress)).toEqual([
      'campaigns@test.example',
      'Campaigns@test.example',
      'Campaigns@test.example',
    ]);
    // Refused requests leave no entry: the root was never renamed.
    expect(audit.body.some((e) => (e.after as PublicFolderDto | null)?.name === 'Everything')).toBe(false);
  });
});
