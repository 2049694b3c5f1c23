import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdministrativeGroupDto, RoutingGroupDto, ServerDto } from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { auditOf, fieldsOf, insertServer, UNKNOWN_ID } from './testing/topology-fixtures';

describe('routing groups and servers API', () => {
  let server: TestServer;
  let admin: ApiClient;
  let ag1: AdministrativeGroupDto;
  let rg1: RoutingGroupDto;
  let mail1: ServerDto;
  let rg2: RoutingGroupDto;
  let mail2: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    [ag1] = (await admin.get<AdministrativeGroupDto[]>('/api/administrative-groups')).body;
    [rg1] = (await admin.get<RoutingGroupDto[]>('/api/routing-groups')).body;
    [mail1] = (await admin.get<ServerDto[]>('/api/servers')).body;
    mail2 = await insertServer(server, 'mail2.test.example', ag1.id, rg1.id);
  });
  afterAll(async () => server.close());

  it('shows the running server registered in First Routing Group, as its master', async () => {
    expect(mail1).toMatchObject({ name: 'mail1.test.example', administrativeGroupId: ag1.id, routingGroupId: rg1.id });
    expect(mail1.lastStartedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(rg1).toMatchObject({ name: 'First Routing Group', masterServerId: mail1.id, memberServerIds: [mail1.id] });
    expect((await admin.get(`/api/servers/${mail1.id}`)).body).toEqual(mail1);
  });

  it('creates a routing group, validating its fields', async () => {
    const missing = await admin.post('/api/routing-groups', { name: 'London' });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toContain('administrativeGroupId');
    const unknown = await admin.post('/api/routing-groups', { name: 'London', administrativeGroupId: UNKNOWN_ID });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['administrativeGroupId']);

    const created = await admin.post<RoutingGroupDto>('/api/routing-groups', {
      name: 'London',
      administrativeGroupId: ag1.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'London', masterServerId: null, memberServerIds: [] });
    rg2 = created.body;

    const duplicate = await admin.post<{ message: string }>('/api/routing-groups', {
      name: 'LONDON',
      administrativeGroupId: ag1.id,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toMatch(/routing group named "LONDON" already exists/);
  });

  it('moves a server between routing groups, keeping each group’s master a member', async () => {
    const moved = await admin.patch<ServerDto>(`/api/servers/${mail2}`, { routingGroupId: rg2.id });
    expect(moved.status).toBe(200);
    expect(moved.body.routingGroupId).toBe(rg2.id);
    // An empty group takes its first member as master, as in Exchange.
    expect((await admin.get(`/api/routing-groups/${rg2.id}`)).body).toMatchObject({
      masterServerId: mail2,
      memberServerIds: [mail2],
    });
    expect((await admin.get(`/api/routing-groups/${rg1.id}`)).body).toMatchObject({
      masterServerId: mail1.id,
      memberServerIds: [mail1.id],
    });

    const serverAudit = await auditOf(admin, 'server', mail2);
    expect(serverAudit[0]).toMatchObject({
      action: 'update',
      before: { routingGroupId: rg1.id },
      after: { routingGroupId: rg2.id },
    });
    const groupAudit = await auditOf(admin, 'routing-group', rg2.id);
    expect(groupAudit[0]).toMatchObject({
      action: 'update',
      before: { masterServerId: null },
      after: { masterServerId: mail2 },
    });
  });

  it('sets the master only to a member, and hands it on when the master leaves', async () => {
    const notMember = await admin.patch(`/api/routing-groups/${rg1.id}`, { masterServerId: mail2 });
    expect(notMember.status).toBe(400);
    expect(fieldsOf(notMember.body)).toEqual(['masterServerId']);

    await admin.patch(`/api/servers/${mail2}`, { routingGroupId: rg1.id });
    const master = await admin.patch<RoutingGroupDto>(`/api/routing-groups/${rg1.id}`, { masterServerId: mail2 });
    expect(master.status).toBe(200);
    expect(master.body).toMatchObject({ masterServerId: mail2, memberServerIds: [mail1.id, mail2] });
    expect((await admin.get(`/api/routing-groups/${rg2.id}`)).body).toMatchObject({
      masterServerId: null,
      memberServerIds: [],
    });

    await admin.patch(`/api/servers/${mail2}`, { routingGroupId: rg2.id });
    expect((await admin.get(`/api/routing-groups/${rg1.id}`)).body).toMatchObject({ masterServerId: mail1.id });
  });

  it('renames a routing group', async () => {
    const res = await admin.patch<RoutingGroupDto>(`/api/routing-groups/${rg2.id}`, { name: 'London RG' });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('London RG');
    const bad = await admin.patch(`/api/routing-groups/${rg2.id}`, { name: 'a|b', masterServerId: 'nope' });
    expect(fieldsOf(bad.body).sort()).toEqual(['masterServerId', 'name']);
  });

  it('refuses to delete a routing group that has member servers', async () => {
    const res = await admin.delete<{ message: string }>(`/api/routing-groups/${rg2.id}`);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/still has 1 member server; move them to another routing group first/);
  });

  it('moves a server to another administrative group and validates the targets', async () => {
    const ag2 = (await admin.post<AdministrativeGroupDto>('/api/administrative-groups', { name: 'Branch Offices' }))
      .body;
    const res = await admin.patch<ServerDto>(`/api/servers/${mail2}`, { administrativeGroupId: ag2.id });
    expect(res.status).toBe(200);
    expect(res.body.administrativeGroupId).toBe(ag2.id);

    const unknownAg = await admin.patch(`/api/servers/${mail2}`, { administrativeGroupId: UNKNOWN_ID });
    expect(unknownAg.status).toBe(400);
    expect(fieldsOf(unknownAg.body)).toEqual(['administrativeGroupId']);
    const unknownRg = await admin.patch(`/api/servers/${mail2}`, { routingGroupId: UNKNOWN_ID });
    expect(fieldsOf(unknownRg.body)).toEqual(['routingGroupId']);
    const malformed = await admin.patch(`/api/servers/${mail2}`, { routingGroupId: 'x', name: 'renamed' });
    expect(fieldsOf(malformed.body).sort()).toEqual(['name', 'routingGroupId']);
  });

  it('refuses to delete a server that holds storage groups', async () => {
    const res = await admin.delete<{ message: string }>(`/api/servers/${mail1.id}`);
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('server "mail1.test.example" still holds 1 storage group; delete them first');
  });

  it('deletes a retired server and then its empty routing group', async () => {
    expect((await admin.delete(`/api/servers/${mail2}`)).status).toBe(204);
    expect((await admin.get(`/api/servers/${mail2}`)).status).toBe(404);
    expect((await admin.get(`/api/routing-groups/${rg2.id}`)).body).toMatchObject({
      masterServerId: null,
      memberServerIds: [],
    });
    expect((await auditOf(admin, 'server', mail2))[0]).toMatchObject({
      action: 'delete',
      before: { name: 'mail2.test.example' },
    });

    expect((await admin.delete(`/api/routing-groups/${rg2.id}`)).status).toBe(204);
    expect((await auditOf(admin, 'routing-group', rg2.id))[0]).toMatchObject({
      action: 'delete',
      objectName: 'London RG',
    });
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    for (const path of ['/api/routing-groups', '/api/servers']) {
      expect((await admin.get(`${path}/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await admin.patch(`${path}/${UNKNOWN_ID}`, {})).status).toBe(404);
      expect((await admin.delete(`${path}/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await admin.get(`${path}/1234`)).status).toBe(400);
    }
  });
});
