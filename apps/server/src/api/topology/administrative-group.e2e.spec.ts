import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdministrativeGroupDto, RoutingGroupDto } from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { auditOf, fieldsOf, UNKNOWN_ID } from './testing/topology-fixtures';

describe('administrative groups API', () => {
  let server: TestServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
  });
  afterAll(async () => server.close());

  it('lists First Administrative Group created by setup', async () => {
    const res = await admin.get<AdministrativeGroupDto[]>('/api/administrative-groups');
    expect(res.status).toBe(200);
    expect(res.body.map((g) => g.name)).toEqual(['First Administrative Group']);
  });

  it('creates, reads, renames and deletes a group, auditing each change', async () => {
    const created = await admin.post<AdministrativeGroupDto>('/api/administrative-groups', {
      name: 'Europe',
      description: 'EU offices',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Europe', description: 'EU offices' });
    const id = created.body.id;

    expect((await admin.get(`/api/administrative-groups/${id}`)).body).toEqual(created.body);

    const renamed = await admin.patch<AdministrativeGroupDto>(`/api/administrative-groups/${id}`, {
      name: 'Europe West',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ id, name: 'Europe West', description: 'EU offices' });

    expect((await admin.delete(`/api/administrative-groups/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/administrative-groups/${id}`)).status).toBe(404);

    const audit = await auditOf(admin, 'administrative-group', id);
    expect(audit.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(audit[1]).toMatchObject({
      actorName: 'Administrator',
      before: { name: 'Europe' },
      after: { name: 'Europe West' },
    });
    expect(audit[0].before).toMatchObject({ name: 'Europe West' });
  });

  it('validates names with field errors', async () => {
    for (const name of ['', 'a/b', 'x'.repeat(65), 'semi;colon', ' padded']) {
      const res = await admin.post('/api/administrative-groups', { name });
      expect(res.status, name).toBe(400);
      expect(fieldsOf(res.body)).toContain('name');
    }
    const extra = await admin.post('/api/administrative-groups', { name: 'Ok', colour: 'red' });
    expect(fieldsOf(extra.body)).toContain('colour');
    const nullName = await admin.post('/api/administrative-groups', { name: 'Ok' });
    const patchNull = await admin.patch(`/api/administrative-groups/${(nullName.body as AdministrativeGroupDto).id}`, {
      name: null,
    });
    expect(patchNull.status).toBe(400);
  });

  it('refuses a duplicate name, whatever its case, with 409', async () => {
    const res = await admin.post<{ message: string }>('/api/administrative-groups', {
      name: 'first administrative GROUP',
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('an administrative group named "first administrative GROUP" already exists');
  });

  it('refuses to delete a group that holds servers and routing groups', async () => {
    const [first] = (await admin.get<AdministrativeGroupDto[]>('/api/administrative-groups')).body;
    const res = await admin.delete<{ message: string }>(`/api/administrative-groups/${first.id}`);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/still holds 1 server and 1 routing group/);
  });

  it('refuses to delete a group that holds only a routing group', async () => {
    const group = (await admin.post<AdministrativeGroupDto>('/api/administrative-groups', { name: 'Asia' })).body;
    const rg = (
      await admin.post<RoutingGroupDto>('/api/routing-groups', { name: 'Tokyo', administrativeGroupId: group.id })
    ).body;
    expect((await admin.delete(`/api/administrative-groups/${group.id}`)).status).toBe(409);
    expect((await admin.delete(`/api/routing-groups/${rg.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/administrative-groups/${group.id}`)).status).toBe(204);
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    expect((await admin.get(`/api/administrative-groups/${UNKNOWN_ID}`)).status).toBe(404);
    expect((await admin.patch(`/api/administrative-groups/${UNKNOWN_ID}`, { name: 'X' })).status).toBe(404);
    expect((await admin.delete(`/api/administrative-groups/${UNKNOWN_ID}`)).status).toBe(404);
    expect((await admin.get('/api/administrative-groups/not-a-uuid')).status).toBe(400);
    expect((await admin.delete('/api/administrative-groups/not-a-uuid')).status).toBe(400);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = await admin.get<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(
      '/api/docs/openapi.json',
    );
    for (const path of [
      '/api/administrative-groups',
      '/api/administrative-groups/{id}',
      '/api/routing-groups/{id}',
      '/api/servers/{id}',
      '/api/routing-group-connectors',
      '/api/smtp-connectors/{id}',
      '/api/servers/{serverId}/storage-groups',
      '/api/storage-groups/{id}/stores',
      '/api/stores/{id}/mount',
      '/api/servers/{serverId}/virtual-servers',
      '/api/virtual-servers/{id}',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(Object.keys(doc.body.components.schemas)).toEqual(
      expect.arrayContaining([
        'CreateVirtualServerDto',
        'VirtualServerSettingsDto',
        'SmtpRelayDto',
        'AddressSpaceDto',
        'InformationStoreResponse',
      ]),
    );
  });
});
