import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientDto, RecipientSummaryDto } from '@estafette/contracts';
import type { ApiClient, TestServer } from '../../testing/test-server';
import { startTestServer } from '../../testing/test-server';

interface ErrorBody {
  message: string;
}

describe('groups: membership, nesting and expansion', () => {
  let server: TestServer;
  let admin: ApiClient;

  const create = async (body: Record<string, unknown>) => {
    const res = await admin.post<RecipientDto>('/api/recipients', body);
    if (res.status !== 201)
      throw new Error(`create ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const user = (alias: string, department = '') => create({ kind: 'user', alias, firstName: alias, department });

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
  });
  afterAll(async () => server.close());

  it('sets, adds and removes members, auditing each change', async () => {
    const [a, b, c] = [await user('ann'), await user('bob'), await user('cyd')];
    const group = await create({ kind: 'group', alias: 'team', displayName: 'Team', groupType: 'security' });
    const put = await admin.put<RecipientDto>(`/api/recipients/${group.id}/members`, { memberIds: [a.id, b.id] });
    expect(put.status).toBe(200);
    expect([...put.body.memberIds].sort()).toEqual([a.id, b.id].sort());
    const post = await admin.post<RecipientDto>(`/api/recipients/${group.id}/members`, { memberIds: [b.id, c.id] });
    expect(post.status).toBe(200);
    expect([...post.body.memberIds].sort()).toEqual([a.id, b.id, c.id].sort());
    const replaced = await admin.put<RecipientDto>(`/api/recipients/${group.id}/members`, { memberIds: [c.id] });
    expect(replaced.body.memberIds).toEqual([c.id]);
    const removed = await admin.delete<RecipientDto>(`/api/recipients/${group.id}/members/${c.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.memberIds).toEqual([]);
    expect((await admin.delete(`/api/recipients/${group.id}/members/${c.id}`)).status).toBe(404);
    const audit = await admin.get<Array<{ action: string; after: { memberIds: string[] } }>>(
      `/api/audit?objectType=recipient&objectId=${group.id}`,
    );
    expect(audit.body.filter((e) => e.action === 'update-members')).toHaveLength(4);
  });

  it('refuses loops, non-recipients and non-groups', async () => {
    const outer = await create({ kind: 'group', alias: 'outer', displayName: 'Outer' });
    const middle = await create({ kind: 'group', alias: 'middle', displayName: 'Middle', memberIds: [] });
    const inner = await create({ kind: 'group', alias: 'inner', displayName: 'Inner' });
    expect((await admin.post(`/api/recipients/${outer.id}/members`, { memberIds: [middle.id] })).status).toBe(200);
    expect((await admin.post(`/api/recipients/${middle.id}/members`, { memberIds: [inner.id] })).status).toBe(200);
    const loop = await admin.post<ErrorBody>(`/api/recipients/${inner.id}/members`, { memberIds: [outer.id] });
    expect(loop.status).toBe(409);
    expect(loop.body.message).toBe('adding Outer to Inner would create a loop');
    const self = await admin.put<ErrorBody>(`/api/recipients/${inner.id}/members`, { memberIds: [inner.id] });
    expect(self.status).toBe(409);
    expect(self.body.message).toBe('adding Inner to Inner would create a loop');

    const containers = await admin.get<Array<{ id: string }>>('/api/recipient-containers');
    const notRecipient = await admin.post<ErrorBody>(`/api/recipients/${outer.id}/members`, {
      memberIds: [containers.body[0].id],
    });
    expect(notRecipient.status).toBe(400);
    expect(notRecipient.body.message).toMatch(/is not a recipient/);
    const someone = await user('dee');
    expect((await admin.post(`/api/recipients/${someone.id}/members`, { memberIds: [outer.id] })).status).toBe(400);
    expect((await admin.put(`/api/recipients/${outer.id}/members`, { memberIds: ['nope'] })).status).toBe(400);
    expect(
      (await admin.put('/api/recipients/00000000-0000-4000-8000-000000000000/members', { memberIds: [] })).status,
    ).toBe(404);
    expect((await admin.delete(`/api/recipients/${outer.id}/members/not-a-uuid`)).status).toBe(400);
  });

  it('lists the groups a recipient is a member of (direct membership)', async () => {
    const member = await user('mem');
    const red = await create({ kind: 'group', alias: 'red', displayName: 'Red Team', memberIds: [member.id] });
    const blue = await create({ kind: 'group', alias: 'blue', displayName: 'Blue Team', memberIds: [member.id] });
    await create({ kind: 'group', alias: 'all-teams', displayName: 'All Teams', memberIds: [red.id] });
    const groups = await admin.get<RecipientSummaryDto[]>(`/api/recipients/${member.id}/member-of`);
    expect(groups.status).toBe(200);
    expect(groups.body.map((g) => g.displayName)).toEqual(['Blue Team', 'Red Team']);
    const ofRed = await admin.get<RecipientSummaryDto[]>(`/api/recipients/${red.id}/member-of`);
    expect(ofRed.body.map((g) => g.alias)).toEqual(['all-teams']);
    await admin.delete(`/api/recipients/${blue.id}/members/${member.id}`);
    const after = await admin.get<RecipientSummaryDto[]>(`/api/recipients/${member.id}/member-of`);
    expect(after.body.map((g) => g.alias)).toEqual(['red']);
    expect((await admin.get('/api/recipients/00000000-0000-4000-8000-000000000000/member-of')).status).toBe(404);
  });

  it('expands nested and query-based groups, each recipient once, even through loops', async () => {
    const [s1, s2, e1] = [
      await user('sales1', 'Sales'),
      await user('sales2', 'sales'),
      await user('eng1', 'Engineering'),
    ];
    const partner = await create({
      kind: 'contact',
      alias: 'partner',
      targetAddress: 'p@partner.example',
      department: 'Sales',
    });
    const sales = await create({
      kind: 'query-group',
      alias: 'all.sales',
      queryFilter: {
        and: [
          { attribute: 'department', operator: 'equals', value: 'SALES' },
          { attribute: 'kind', operator: 'equals', value: 'user' },
        ],
      },
    });
    const everyone = await create({ kind: 'group', alias: 'everyone', memberIds: [sales.id, e1.id, s1.id] });
    // A query group that selects every group, including one that contains it: expansion must still end.
    const groupsOfGroups = await create({
      kind: 'query-group',
      alias: 'all.groups',
      queryFilter: { attribute: 'kind', operator: 'equals', value: 'group' },
    });
    await admin.post(`/api/recipients/${everyone.id}/members`, { memberIds: [groupsOfGroups.id] });

    const expanded = await admin.get<RecipientSummaryDto[]>(`/api/recipients/${everyone.id}/expanded-members`);
    expect(expanded.status).toBe(200);
    const ids = expanded.body.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([s1.id, s2.id, e1.id]));
    expect(ids).not.toContain(partner.id);
    expect(ids).not.toContain(sales.id);
    const salesOnly = await admin.get<RecipientSummaryDto[]>(`/api/recipients/${sales.id}/expanded-members`);
    expect(salesOnly.body.map((r) => r.alias)).toEqual(['sales1', 'sales2']);
    expect((await admin.get(`/api/recipients/${s1.id}/expanded-members`)).status).toBe(400);
    expect(
      (await admin.post<ErrorBody>(`/api/recipients/${sales.id}/members`, { memberIds: [s1.id] })).body.message,
    ).toMatch(/query-based group/);
  });

  it('edits a query-based group filter with validation', async () => {
    const q = await create({
      kind: 'query-group',
      alias: 'q.edit',
      queryFilter: { attribute: 'alias', operator: 'present' },
    });
    const bad = await admin.patch(`/api/recipients/${q.id}`, { queryFilter: { and: [] } });
    expect(bad.status).toBe(400);
    const ok = await admin.patch<RecipientDto>(`/api/recipients/${q.id}`, {
      queryFilter: { attribute: 'company', operator: 'starts-with', value: 'Con' },
    });
    expect(ok.body.queryFilter).toEqual({ attribute: 'company', operator: 'starts-with', value: 'Con' });
  });
});
