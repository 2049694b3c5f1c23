import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientContainerDto, RecipientDto } from '@estafette/contracts';
import { RoleService } from '@estafette/security';
import type { ApiClient, TestServer } from '../../testing/test-server';
import { startTestServer } from '../../testing/test-server';

interface ErrorBody {
  message: string;
}

describe('recipient containers and delegation on them', () => {
  let server: TestServer;
  let admin: ApiClient;
  let users: RecipientContainerDto;
  let org: RecipientContainerDto;
  let sales: RecipientContainerDto;
  let emea: RecipientContainerDto;

  const createContainer = async (body: Record<string, unknown>) => {
    const res = await admin.post<RecipientContainerDto>('/api/recipient-containers', body);
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    users = (await admin.get<RecipientContainerDto[]>('/api/recipient-containers')).body.find(
      (c) => c.name === 'Users',
    ) as RecipientContainerDto;
    org = await createContainer({ name: 'Contoso', description: 'Head office' });
    sales = await createContainer({ name: 'Sales', parentId: org.id });
    emea = await createContainer({ name: 'EMEA', parentId: sales.id });
  });
  afterAll(async () => server.close());

  it('lists every container with its parent', async () => {
    const list = await admin.get<RecipientContainerDto[]>('/api/recipient-containers');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(
      expect.arrayContaining([
        { id: users.id, parentId: null, name: 'Users', description: expect.any(String) },
        { id: org.id, parentId: null, name: 'Contoso', description: 'Head office' },
        { id: sales.id, parentId: org.id, name: 'Sales', description: '' },
        { id: emea.id, parentId: sales.id, name: 'EMEA', description: '' },
      ]),
    );
    expect((await admin.get(`/api/recipient-containers/${emea.id}`)).body).toMatchObject({ name: 'EMEA' });
    expect((await admin.get('/api/recipient-containers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await admin.get('/api/recipient-containers/xyz')).status).toBe(400);
  });

  it('validates names and keeps sibling names unique', async () => {
    const bad = await admin.post<{ errors: Array<{ field: string }> }>('/api/recipient-containers', {
      name: 'a/b',
      parentId: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['name', 'parentId']));
    expect((await admin.post('/api/recipient-containers', { name: 'sales', parentId: org.id })).status).toBe(409);
    expect((await admin.post('/api/recipient-containers', { name: 'Sales', parentId: users.id })).status).toBe(201);
    expect(
      (await admin.post('/api/recipient-containers', { name: 'X', parentId: '00000000-0000-4000-8000-000000000000' }))
        .status,
    ).toBe(400);
  });

  it('renames and re-parents, refusing loops', async () => {
    const temp = await createContainer({ name: 'Temp' });
    const moved = await admin.patch<RecipientContainerDto>(`/api/recipient-containers/${temp.id}`, {
      name: 'Temporary',
      parentId: emea.id,
    });
    expect(moved.body).toMatchObject({ name: 'Temporary', parentId: emea.id });
    const loop = await admin.patch<ErrorBody>(`/api/recipient-containers/${org.id}`, { parentId: temp.id });
    expect(loop.status).toBe(409);
    expect(loop.body.message).toBe('moving Contoso under Temporary would create a loop');
    expect((await admin.patch(`/api/recipient-containers/${org.id}`, { parentId: org.id })).status).toBe(409);
    const top = await admin.patch<RecipientContainerDto>(`/api/recipient-containers/${temp.id}`, { parentId: null });
    expect(top.body.parentId).toBeNull();
    const audit = await admin.get<Array<{ action: string; before: { name: string }; after: { name: string } }>>(
      `/api/audit?objectType=recipient-container&objectId=${temp.id}`,
    );
    expect(audit.body.map((e) => e.action)).toEqual(['update', 'update', 'create']);
    expect(audit.body[1]).toMatchObject({ before: { name: 'Temp' }, after: { name: 'Temporary' } });
  });

  it('refuses to delete a container that holds containers or recipients', async () => {
    const box = await createContainer({ name: 'Box' });
    const inner = await createContainer({ name: 'Inner', parentId: box.id });
    const contact = await admin.post<RecipientDto>('/api/recipients', {
      kind: 'contact',
      alias: 'boxed',
      targetAddress: 'b@b.example',
      containerId: inner.id,
    });
    expect((await admin.delete<ErrorBody>(`/api/recipient-containers/${box.id}`)).body.message).toMatch(
      /still holds other containers/,
    );
    const holds = await admin.delete<ErrorBody>(`/api/recipient-containers/${inner.id}`);
    expect(holds.status).toBe(409);
    expect(holds.body.message).toMatch(/still holds 1 recipient/);
    await admin.delete(`/api/recipients/${contact.body.id}`);
    expect((await admin.delete(`/api/recipient-containers/${inner.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/recipient-containers/${box.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/recipient-containers/${box.id}`)).status).toBe(404);
  });

  it('lets an administrator delegated on a container manage what is below it, and nothing else', async () => {
    const delegate = await admin.post<RecipientDto>('/api/recipients', {
      kind: 'user',
      alias: 'ou.admin',
      password: 'Deleg4ted-pass',
      containerId: sales.id,
    });
    const db = server.app.get(DataSource);
    await db.transaction((manager) =>
      server.app.get(RoleService).assign(manager, delegate.body.id, 'administrator', 'recipient-container', sales.id),
    );
    const ou = await server.login('ou.admin', 'Deleg4ted-pass');

    const inEmea = await ou.post<RecipientDto>('/api/recipients', {
      kind: 'contact',
      alias: 'emea.partner',
      targetAddress: 'p@emea.example',
      containerId: emea.id,
    });
    expect(inEmea.status).toBe(201);
    expect(
      (
        await ou.post('/api/recipients', {
          kind: 'contact',
          alias: 'outside',
          targetAddress: 'o@o.example',
          containerId: users.id,
        })
      ).status,
    ).toBe(403);
    expect(
      (await ou.post('/api/recipients', { kind: 'contact', alias: 'default.place', targetAddress: 'o@o.example' }))
        .status,
    ).toBe(403);
    expect((await ou.patch(`/api/recipients/${inEmea.body.id}`, { title: 'Partner' })).status).toBe(200);
    expect((await ou.patch(`/api/recipients/${inEmea.body.id}`, { containerId: sales.id })).status).toBe(200);
    expect((await ou.patch(`/api/recipients/${inEmea.body.id}`, { containerId: users.id })).status).toBe(403);
    expect((await ou.get(`/api/recipients/${inEmea.body.id}`)).status).toBe(200);
    expect((await ou.get(`/api/recipients?containerId=${emea.id}`)).status).toBe(200);
    // Reading is organisation-wide for every administrator (Exchange's Delegation Wizard gave View Only).
    expect((await ou.get('/api/recipients')).status).toBe(200);

    const administrator = (await admin.get<{ items: Array<{ id: string }> }>('/api/recipients?search=administrator'))
      .body.items[0];
    expect((await ou.patch(`/api/recipients/${administrator.id}`, { title: 'Hacked' })).status).toBe(403);
    expect(
      (await ou.post(`/api/recipients/${administrator.id}/password`, { password: 'Hacked-passw0rd' })).status,
    ).toBe(403);
    expect((await ou.delete(`/api/recipients/${administrator.id}`)).status).toBe(403);

    const sub = await ou.post<RecipientContainerDto>('/api/recipient-containers', { name: 'APAC', parentId: sales.id });
    expect(sub.status).toBe(201);
    expect((await ou.post('/api/recipient-containers', { name: 'Rogue' })).status).toBe(403);
    expect((await ou.delete(`/api/recipient-containers/${sales.id}`)).status).toBe(403);
    expect((await ou.delete(`/api/recipient-containers/${sub.body.id}`)).status).toBe(204);
    expect((await ou.get('/api/recipient-policies')).status).toBe(200);
    expect((await ou.patch(`/api/recipient-policies/${administrator.id}`, { priority: 1 })).status).toBe(403);
    // Unknown objects resolve to the organisation scope: a delegate may not write there (403, not 404).
    expect((await ou.patch('/api/recipients/00000000-0000-4000-8000-000000000000', { title: 'x' })).status).toBe(403);
  });
});
