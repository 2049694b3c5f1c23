import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { AddressBookEntryDto, AddressListDto, AuditEntryDto, Page } from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { insertRecipient } from './recipient-fixtures';

describe('address lists', () => {
  let server: TestServer;
  let admin: ApiClient;
  let db: DataSource;
  let systemLists: Record<string, AddressListDto>;

  const names = async (listId: string, query = ''): Promise<string[]> => {
    const res = await admin.get<Page<AddressBookEntryDto>>(`/api/address-lists/${listId}/entries${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((e) => e.displayName);
  };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    db = server.app.get(DataSource);
    await insertRecipient(db, { alias: 'alice', displayName: 'Alice Adams', department: 'Sales' });
    await insertRecipient(db, { alias: 'bob', displayName: 'Bob Hidden', department: 'Sales', hidden: true });
    await insertRecipient(db, { alias: 'dave', displayName: 'Dave Engineer', department: 'Engineering' });
    await insertRecipient(db, { kind: 'contact', alias: 'carol', displayName: 'Carol Contact', department: 'Sales' });
    await insertRecipient(db, { kind: 'group', alias: 'sales-team', displayName: 'Sales Team' });
    await insertRecipient(db, { kind: 'query-group', alias: 'all-sales', displayName: 'All Sales (query)' });
    const res = await admin.get<AddressListDto[]>('/api/address-lists');
    systemLists = Object.fromEntries(res.body.map((l) => [l.kind, l]));
  });
  afterAll(async () => server.close());

  it('lists the five system lists made at setup', async () => {
    const res = await admin.get<AddressListDto[]>('/api/address-lists');
    expect(res.status).toBe(200);
    expect(res.body.map((l) => [l.name, l.kind, l.system, l.parentId])).toEqual([
      ['All Contacts', 'all-contacts', true, null],
      ['All Groups', 'all-groups', true, null],
      ['All Users', 'all-users', true, null],
      ['Default Global Address List', 'global', true, null],
      ['Public Folders', 'public-folders', true, null],
    ]);
  });

  it('gives system lists their membership by kind and leaves hidden recipients out', async () => {
    expect(await names(systemLists['all-users'].id)).toEqual(['Administrator', 'Alice Adams', 'Dave Engineer']);
    expect(await names(systemLists['all-contacts'].id)).toEqual(['Carol Contact']);
    expect(await names(systemLists['all-groups'].id)).toEqual(['All Sales (query)', 'Sales Team']);
    expect(await names(systemLists['public-folders'].id)).toEqual([]);
    expect(await names(systemLists['global'].id)).toEqual([
      'Administrator',
      'Alice Adams',
      'All Sales (query)',
      'Carol Contact',
      'Dave Engineer',
      'Sales Team',
    ]);
    const entry = (
      await admin.get<Page<AddressBookEntryDto>>(`/api/address-lists/${systemLists['all-contacts'].id}/entries`)
    ).body.items[0];
    expect(entry).toMatchObject({
      type: 'contact',
      alias: 'carol',
      primarySmtpAddress: 'carol@test.example',
      department: 'Sales',
    });
  });

  it('creates custom lists whose membership follows the filter at query time', async () => {
    const created = await admin.post<AddressListDto>('/api/address-lists', {
      name: 'Sales Department',
      filter: { attribute: 'department', operator: 'equals', value: 'sales' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Sales Department', kind: 'custom', system: false, parentId: null });
    expect(await names(created.body.id)).toEqual(['Alice Adams', 'Carol Contact']);

    await insertRecipient(db, { alias: 'erin', displayName: 'erin lowercase', department: 'SALES' });
    expect(await names(created.body.id)).toEqual(['Alice Adams', 'Carol Contact', 'erin lowercase']);

    const users = await admin.post<AddressListDto>('/api/address-lists', {
      name: 'Sales Users',
      parentId: created.body.id,
      filter: {
        and: [
          { attribute: 'department', operator: 'equals', value: 'Sales' },
          { attribute: 'kind', operator: 'equals', value: 'user' },
        ],
      },
    });
    expect(users.status).toBe(201);
    expect(users.body.parentId).toBe(created.body.id);
    expect(await names(users.body.id)).toEqual(['Alice Adams', 'erin lowercase']);
    expect((await admin.get<AddressListDto>(`/api/address-lists/${users.body.id}`)).body).toEqual(users.body);
  });

  it('validates new lists', async () => {
    const badFilter = await admin.post<{ message: string }>('/api/address-lists', {
      name: 'Broken',
      filter: { attribute: 'password', operator: 'equals', value: 'x' },
    });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.message).toMatch(/unknown attribute/);
    expect(
      (await admin.post('/api/address-lists', { filter: { attribute: 'kind', operator: 'present' } })).status,
    ).toBe(400);
    const ok = { attribute: 'kind', operator: 'present' };
    expect(
      (
        await admin.post('/api/address-lists', {
          name: 'X',
          filter: ok,
          parentId: '00000000-0000-4000-8000-000000000000',
        })
      ).status,
    ).toBe(400);
    expect(
      (await admin.post('/api/address-lists', { name: 'X', filter: ok, parentId: systemLists['global'].id })).status,
    ).toBe(400);
    const duplicate = await admin.post<{ message: string }>('/api/address-lists', { name: 'all users', filter: ok });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toContain('all users');
    expect((await admin.get('/api/address-lists/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await admin.get('/api/address-lists/not-a-uuid')).status).toBe(400);
  });

  it('protects system lists but lets them be renamed', async () => {
    const allUsers = systemLists['all-users'];
    const refilter = await admin.patch<{ message: string }>(`/api/address-lists/${allUsers.id}`, {
      filter: { attribute: 'kind', operator: 'equals', value: 'contact' },
    });
    expect(refilter.status).toBe(409);
    expect(refilter.body.message).toMatch(/system address list/);
    expect(
      (await admin.patch(`/api/address-lists/${allUsers.id}`, { parentId: systemLists['all-groups'].id })).status,
    ).toBe(409);
    expect((await admin.patch(`/api/address-lists/${allUsers.id}`, { kind: 'custom' })).status).toBe(400);
    expect((await admin.delete(`/api/address-lists/${allUsers.id}`)).status).toBe(409);
    const renamed = await admin.patch<AddressListDto>(`/api/address-lists/${allUsers.id}`, { name: 'Everybody' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Everybody', kind: 'all-users', system: true, filter: null });
    expect((await admin.patch(`/api/address-lists/${allUsers.id}`, { name: 'All Users' })).status).toBe(200);
  });

  it('moves custom lists without cycles and deletes them leaf first', async () => {
    const parent = await admin.post<AddressListDto>('/api/address-lists', {
      name: 'Region',
      filter: { attribute: 'kind', operator: 'present' },
    });
    const child = await admin.post<AddressListDto>('/api/address-lists', {
      name: 'Region North',
      parentId: parent.body.id,
      filter: { attribute: 'department', operator: 'starts-with', value: 'North' },
    });
    expect((await admin.patch(`/api/address-lists/${parent.body.id}`, { parentId: child.body.id })).status).toBe(400);
    expect((await admin.patch(`/api/address-lists/${parent.body.id}`, { parentId: parent.body.id })).status).toBe(400);
    const refiltered = await admin.patch<AddressListDto>(`/api/address-lists/${child.body.id}`, {
      filter: { attribute: 'department', operator: 'equals', value: 'Engineering' },
    });
    expect(refiltered.status).toBe(200);
    expect(await names(child.body.id)).toEqual(['Dave Engineer']);

    expect((await admin.delete(`/api/address-lists/${parent.body.id}`)).status).toBe(409);
    const moved = await admin.patch<AddressListDto>(`/api/address-lists/${child.body.id}`, { parentId: null });
    expect(moved.body.parentId).toBeNull();
    expect((await admin.delete(`/api/address-lists/${parent.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/address-lists/${child.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/address-lists/${child.body.id}`)).status).toBe(404);
  });

  it('audits every change with before and after', async () => {
    const audit = await admin.get<AuditEntryDto[]>('/api/audit?objectType=address-list&limit=100');
    const actions = audit.body.map((e) => `${e.action} ${e.objectName}`);
    expect(actions).toEqual(
      expect.arrayContaining(['create Sales Department', 'update Everybody', 'delete Region', 'delete Region North']),
    );
    const rename = audit.body.find((e) => e.action === 'update' && e.objectName === 'Everybody');
    expect(rename).toMatchObject({
      actorName: 'Administrator',
      before: { name: 'All Users' },
      after: { name: 'Everybody' },
    });
    // Refused changes leave no trace.
    expect(audit.body.filter((e) => e.action === 'delete' && e.objectName === 'All Users')).toEqual([]);
  });
});
