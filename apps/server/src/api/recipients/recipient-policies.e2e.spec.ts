import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuthoritativeDomainDto,
  PolicyApplicationResult,
  RecipientDto,
  RecipientPolicyDto,
} from '@estafette/contracts';
import type { ApiClient, TestServer } from '../../testing/test-server';
import { startTestServer } from '../../testing/test-server';

interface ErrorBody {
  message: string;
  errors?: Array<{ field: string; message: string }>;
}

const addresses = (r: RecipientDto) => r.emailAddresses.map((a) => `${a.isPrimary ? '*' : ''}${a.address}`);

describe('recipient policies (the Recipient Update Service) and authoritative domains', () => {
  let server: TestServer;
  let admin: ApiClient;
  let defaultPolicy: RecipientPolicyDto;
  let salesPolicy: RecipientPolicyDto;

  const create = async (body: Record<string, unknown>) => {
    const res = await admin.post<RecipientDto>('/api/recipients', body);
    if (res.status !== 201)
      throw new Error(`create ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const reload = async (r: RecipientDto) => (await admin.get<RecipientDto>(`/api/recipients/${r.id}`)).body;
  const salesUser = (alias: string, firstName: string, lastName: string) =>
    create({ kind: 'user', alias, firstName, lastName, department: 'Sales' });

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    defaultPolicy = (await admin.get<RecipientPolicyDto[]>('/api/recipient-policies')).body[0];
  });
  afterAll(async () => server.close());

  it('starts with the default policy: last, for everyone, %m@ the first domain', () => {
    expect(defaultPolicy).toMatchObject({
      name: 'Default Policy',
      isDefault: true,
      priority: 2147483647,
      filter: null,
      addressTemplates: [{ template: '%m@test.example', primary: true }],
    });
  });

  it('validates policies', async () => {
    const noPrimary = await admin.post<ErrorBody>('/api/recipient-policies', {
      name: 'P',
      addressTemplates: [{ template: '%m@x.example', primary: false }],
    });
    expect(noPrimary.status).toBe(400);
    expect(noPrimary.body.message).toMatch(/exactly one primary/);
    const badTemplate = await admin.post<ErrorBody>('/api/recipient-policies', {
      name: 'P',
      addressTemplates: [{ template: '%q@x.example', primary: true }],
    });
    expect(badTemplate.body.message).toMatch(/unknown variable/);
    const badFilter = await admin.post<ErrorBody>('/api/recipient-policies', {
      name: 'P',
      filter: { attribute: 'department', operator: 'starts-with' },
      addressTemplates: [{ template: '%m@x.example', primary: true }],
    });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors?.[0].field).toBe('filter');
    const badPriority = await admin.post<ErrorBody>('/api/recipient-policies', {
      name: 'P',
      priority: 2147483647,
      addressTemplates: [{ template: '%m@x.example', primary: true }],
    });
    expect(badPriority.body.errors?.[0].field).toBe('priority');
    expect((await admin.post('/api/recipient-policies', { name: 'P', addressTemplates: [] })).status).toBe(400);
  });

  it('creates a policy; new recipients it selects get its addresses at creation', async () => {
    const res = await admin.post<RecipientPolicyDto>('/api/recipient-policies', {
      name: 'Sales',
      filter: { attribute: 'department', operator: 'equals', value: 'sales' },
      addressTemplates: [
        { template: '%1g%s@Test.Example', primary: false },
        { template: '%g.%s@sales.test.example', primary: true },
      ],
    });
    expect(res.status).toBe(201);
    salesPolicy = res.body;
    expect(salesPolicy).toMatchObject({
      priority: 1,
      isDefault: false,
      addressTemplates: [
        { template: '%g.%s@sales.test.example', primary: true },
        { template: '%1g%s@test.example', primary: false },
      ],
    });
    expect(
      (
        await admin.post('/api/recipient-policies', {
          name: 'SALES',
          addressTemplates: [{ template: '%m@x.example', primary: true }],
        })
      ).status,
    ).toBe(409);
    const list = await admin.get<RecipientPolicyDto[]>('/api/recipient-policies');
    expect(list.body.map((p) => p.name)).toEqual(['Sales', 'Default Policy']);

    const jose = await salesUser('jnunez', 'José', 'Ñúñez');
    expect(addresses(jose)).toEqual(['*Jose.Nunez@sales.test.example', 'JNunez@test.example']);
    const jose2 = await salesUser('jnunez2', 'Jose', 'Nunez');
    expect(addresses(jose2)).toEqual(['*Jose.Nunez2@sales.test.example', 'JNunez2@test.example']);
    const sean = await salesUser('sobrien', 'Seán', "O'Brien");
    expect(sean.primarySmtpAddress).toBe("Sean.O'Brien@sales.test.example");
    const cher = await salesUser('cher', 'Cher', '');
    expect(addresses(cher)).toEqual(['*Cher@sales.test.example', 'C@test.example']);
    const other = await create({
      kind: 'user',
      alias: 'eng',
      firstName: 'Eve',
      lastName: 'Engineer',
      department: 'Engineering',
    });
    expect(addresses(other)).toEqual(['*eng@test.example']);
  });

  it('regenerates policy addresses when applied, keeping hand-added ones and skipping opted-out recipients', async () => {
    const kim = await salesUser('kim', 'Kim', 'Lee');
    const withExtra = await admin.patch<RecipientDto>(`/api/recipients/${kim.id}`, {
      addressesFromPolicy: true,
      emailAddresses: [
        ...kim.emailAddresses.map((a) => ({ address: a.address, isPrimary: a.isPrimary })),
        { address: 'kim.extra@test.example', isPrimary: false },
      ],
    });
    expect(withExtra.body.addressesFromPolicy).toBe(true);
    const optedOut = await salesUser('opted', 'Opt', 'Out');
    await admin.patch(`/api/recipients/${optedOut.id}`, { addressesFromPolicy: false });
    const eng = (await admin.get<{ items: RecipientDto[] }>('/api/recipients?search=eng')).body.items[0];
    const cher = (await admin.get<{ items: RecipientDto[] }>('/api/recipients?search=cher')).body
      .items[0] as RecipientDto;

    const changed = await admin.patch<RecipientPolicyDto>(`/api/recipient-policies/${salesPolicy.id}`, {
      addressTemplates: [{ template: '%s.%g@sales.test.example', primary: true }],
    });
    expect(changed.status).toBe(200);
    // Editing a policy changes nobody until it is applied.
    expect((await reload(kim)).primarySmtpAddress).toBe('Kim.Lee@sales.test.example');

    const applied = await admin.post<PolicyApplicationResult>(`/api/recipient-policies/${salesPolicy.id}/apply`);
    expect(applied.status).toBe(200);
    // Five Sales recipients lose both generated addresses; Cher (no surname) keeps Cher@sales, so 4 are new.
    expect(applied.body).toEqual({
      recipientsChecked: 5,
      recipientsUpdated: 5,
      addressesAdded: 4,
      addressesRemoved: 9,
    });
    expect(addresses(await reload(cher))).toEqual(['*Cher@sales.test.example']);
    const after = await reload(kim);
    expect(addresses(after)).toEqual(['*Lee.Kim@sales.test.example', 'kim.extra@test.example']);
    expect(after.emailAddresses.find((a) => a.address === 'kim.extra@test.example')?.fromPolicy).toBe(false);
    expect((await reload(optedOut)).primarySmtpAddress).toBe('Opt.Out@sales.test.example');
    expect((await admin.get<RecipientDto>(`/api/recipients/${eng.id}`)).body.primarySmtpAddress).toBe(
      'eng@test.example',
    );

    const again = await admin.post<PolicyApplicationResult>(`/api/recipient-policies/${salesPolicy.id}/apply`);
    expect(again.body).toMatchObject({ recipientsChecked: 5, recipientsUpdated: 0 });
    const audit = await admin.get<Array<{ action: string; before: { emailAddresses: unknown[] } }>>(
      `/api/audit?objectType=recipient&objectId=${kim.id}`,
    );
    expect(audit.body[0]).toMatchObject({ action: 'apply-policy' });
    const policyAudit = await admin.get<Array<{ action: string }>>(
      `/api/audit?objectType=recipient-policy&objectId=${salesPolicy.id}`,
    );
    expect(policyAudit.body.map((e) => e.action)).toEqual(['apply', 'apply', 'update', 'create']);
  });

  it('lets the lower priority number win and falls back to the default policy', async () => {
    const vip = await admin.post<RecipientPolicyDto>('/api/recipient-policies', {
      name: 'VIP',
      priority: 1,
      filter: { attribute: 'title', operator: 'equals', value: 'VIP' },
      addressTemplates: [{ template: '%m@vip.test.example', primary: true }],
    });
    await admin.patch(`/api/recipient-policies/${salesPolicy.id}`, { priority: 2 });
    const boss = await create({
      kind: 'user',
      alias: 'boss',
      firstName: 'Big',
      lastName: 'Boss',
      department: 'Sales',
      title: 'VIP',
    });
    expect(boss.primarySmtpAddress).toBe('boss@vip.test.example');
    expect((await admin.delete(`/api/recipient-policies/${vip.body.id}`)).status).toBe(204);
    expect((await admin.get(`/api/recipient-policies/${vip.body.id}`)).status).toBe(404);
    const all = await admin.post<PolicyApplicationResult>('/api/recipient-policies/apply');
    expect(all.status).toBe(200);
    expect(all.body.recipientsUpdated).toBeGreaterThanOrEqual(1);
    expect((await reload(boss)).primarySmtpAddress).toBe('Boss.Big@sales.test.example');
  });

  it('protects the default policy', async () => {
    const url = `/api/recipient-policies/${defaultPolicy.id}`;
    expect((await admin.patch<ErrorBody>(url, { priority: 5 })).body.message).toMatch(/always applies last/);
    expect(
      (await admin.patch<ErrorBody>(url, { filter: { attribute: 'alias', operator: 'present' } })).body.message,
    ).toMatch(/every recipient/);
    expect((await admin.delete<ErrorBody>(url)).status).toBe(409);
    expect((await admin.patch<RecipientPolicyDto>(url, { name: 'Default Policy', filter: null })).status).toBe(200);
    expect((await admin.get('/api/recipient-policies/not-a-uuid')).status).toBe(400);
    expect((await admin.post('/api/recipient-policies/00000000-0000-4000-8000-000000000000/apply')).status).toBe(404);
  });

  it('lists, adds and removes authoritative domains', async () => {
    const initial = await admin.get<AuthoritativeDomainDto[]>('/api/domains');
    expect(initial.body).toEqual([
      { domain: 'sales.test.example', policyIds: [salesPolicy.id], isDefaultPrimary: false },
      { domain: 'test.example', policyIds: [defaultPolicy.id], isDefaultPrimary: true },
    ]);
    const eng = (await admin.get<{ items: RecipientDto[] }>('/api/recipients?search=eng')).body.items[0];

    const added = await admin.post<AuthoritativeDomainDto>('/api/domains', { domain: 'Example.ORG' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ domain: 'example.org', policyIds: [defaultPolicy.id], isDefaultPrimary: false });
    expect(addresses(await reload(eng))).toEqual(['*eng@test.example', 'eng@example.org']);
    expect((await admin.post('/api/domains', { domain: 'example.org' })).status).toBe(409);
    expect((await admin.post('/api/domains', { domain: 'test.example' })).status).toBe(409);
    expect((await admin.post<ErrorBody>('/api/domains', { domain: 'not a domain' })).status).toBe(400);
    expect((await admin.post('/api/domains', {})).status).toBe(400);
    const idn = await admin.post<AuthoritativeDomainDto>('/api/domains', { domain: 'bücher.example' });
    expect(idn.body.domain).toBe('xn--bcher-kva.example');

    expect((await admin.delete('/api/domains/example.org')).status).toBe(204);
    expect(addresses(await reload(eng))).toEqual(['*eng@test.example', 'eng@xn--bcher-kva.example']);
    expect((await admin.delete<ErrorBody>('/api/domains/test.example')).body.message).toMatch(
      /default policy's primary domain/,
    );
    expect((await admin.delete<ErrorBody>('/api/domains/sales.test.example')).body.message).toMatch(
      /primary domain of policy Sales/,
    );
    expect((await admin.delete('/api/domains/unknown.example')).status).toBe(404);
    const audit = await admin.get<Array<{ action: string }>>(
      `/api/audit?objectType=recipient-policy&objectId=${defaultPolicy.id}`,
    );
    expect(audit.body.map((e) => e.action)).toEqual(expect.arrayContaining(['add-domain', 'remove-domain']));
  });
});
