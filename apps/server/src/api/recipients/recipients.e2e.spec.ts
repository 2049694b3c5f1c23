import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, RecipientDto, RecipientSummaryDto } from '@estafette/contracts';
import { LoginThrottleService } from '@estafette/security';
import { ApiClient, startTestServer, type ApiResponse, type TestServer } from '../../testing/test-server';

interface ErrorBody {
  message: string;
  errors?: Array<{ field: string; message: string }>;
}

describe('recipients API', () => {
  let server: TestServer;
  let admin: ApiClient;
  let adminId: string;

  const create = async (body: Record<string, unknown>) => {
    const res = await admin.post<RecipientDto>('/api/recipients', body);
    if (res.status !== 201)
      throw new Error(`create ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestServer();
    server.app.get(LoginThrottleService).limits.perAccount = 1000;
    admin = await server.login();
    const page = await admin.get<Page<RecipientSummaryDto>>('/api/recipients?search=administrator');
    adminId = page.body.items[0].id;
  });
  afterAll(async () => server.close());

  describe('creating', () => {
    it('creates a mailbox user in the default container and store with a policy address', async () => {
      const res = await admin.post<RecipientDto>('/api/recipients', {
        kind: 'user',
        alias: 'jsmith',
        firstName: 'John',
        lastName: 'Smith',
        password: 'Sup3r-secret',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        kind: 'user',
        alias: 'jsmith',
        displayName: 'John Smith',
        primarySmtpAddress: 'jsmith@test.example',
        emailAddresses: [{ address: 'jsmith@test.example', isPrimary: true, fromPolicy: true }],
        addressesFromPolicy: true,
        targetAddress: null,
        protocols: { pop3Enabled: true, imap4Enabled: true, owaEnabled: true, nntpEnabled: true },
        limits: { useStoreDefaults: true, issueWarningKb: null },
      });
      expect(res.body.mailboxStoreId).toMatch(/^[0-9a-f-]{36}$/);
      const containers = await admin.get<Array<{ id: string; name: string }>>('/api/recipient-containers');
      expect(res.body.containerId).toBe(containers.body.find((c) => c.name === 'Users')?.id);
      // The new user can sign in with the password given at creation.
      await expect(server.login('jsmith', 'Sup3r-secret')).resolves.toBeInstanceOf(ApiClient);
    });

    it('creates contacts, mail-enabled users and groups', async () => {
      const contact = await create({
        kind: 'contact',
        alias: 'partner',
        displayName: 'Partner Inc',
        targetAddress: 'info@Partner.Example',
      });
      expect(contact).toMatchObject({
        targetAddress: 'info@partner.example',
        mailboxStoreId: null,
        primarySmtpAddress: 'partner@test.example',
      });
      const mailUser = await create({ kind: 'user', alias: 'ext.user', targetAddress: 'someone@elsewhere.example' });
      expect(mailUser).toMatchObject({
        mailboxStoreId: null,
        targetAddress: 'someone@elsewhere.example',
        displayName: 'ext.user',
      });
      const group = await create({ kind: 'group', alias: 'staff', memberIds: [contact.id, mailUser.id] });
      expect(group).toMatchObject({
        groupType: 'distribution',
        memberIds: expect.arrayContaining([contact.id, mailUser.id]),
      });
    });

    it('answers invalid input with 400 and field errors', async () => {
      const res = await admin.post<ErrorBody>('/api/recipients', {
        kind: 'robot',
        alias: 'bad alias',
        firstName: 7,
        bogus: true,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.field)).toEqual(
        expect.arrayContaining(['kind', 'alias', 'firstName', 'bogus']),
      );
      const address = await admin.post<ErrorBody>('/api/recipients', {
        kind: 'contact',
        alias: 'c1',
        targetAddress: 'not-an-address',
      });
      expect(address.status).toBe(400);
      expect(address.body.errors?.[0].field).toBe('targetAddress');
      const filter = await admin.post<ErrorBody>('/api/recipients', {
        kind: 'query-group',
        alias: 'q1',
        queryFilter: { attribute: 'password', operator: 'equals', value: 'x' },
      });
      expect(filter.status).toBe(400);
      expect(filter.body.errors?.[0]).toMatchObject({
        field: 'queryFilter',
        message: expect.stringMatching(/unknown attribute/),
      });
    });

    it('enforces the kind rules, references and the password policy', async () => {
      expect((await admin.post('/api/recipients', { kind: 'contact', alias: 'c2' })).status).toBe(400);
      expect(
        (await admin.post('/api/recipients', { kind: 'group', alias: 'g2', password: 'Sup3r-secret' })).status,
      ).toBe(400);
      expect(
        (
          await admin.post('/api/recipients', {
            kind: 'user',
            alias: 'u2',
            mailboxStoreId: '00000000-0000-4000-8000-000000000000',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await admin.post('/api/recipients', {
            kind: 'user',
            alias: 'u3',
            containerId: '00000000-0000-4000-8000-000000000000',
          })
        ).status,
      ).toBe(400);
      const members = await admin.post<ErrorBody>('/api/recipients', {
        kind: 'group',
        alias: 'g3',
        memberIds: ['00000000-0000-4000-8000-000000000000'],
      });
      expect(members.status).toBe(400);
      expect(members.body.message).toMatch(/is not a recipient/);
      const weak = await admin.post<ErrorBody>('/api/recipients', { kind: 'user', alias: 'u4', password: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.message).toMatch(/at least 8/);
      expect((await admin.get(`/api/recipients?search=u4`)).body).toMatchObject({ items: [] });
    });

    it('refuses a duplicate alias case-insensitively with 409', async () => {
      const res = await admin.post<ErrorBody>('/api/recipients', {
        kind: 'contact',
        alias: 'JSMITH',
        targetAddress: 'x@y.example',
      });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/alias JSMITH is already used/);
    });

    it('suffixes a generated address that another recipient owns', async () => {
      // A hand-added address on another recipient takes the address the policy would generate.
      const other = await create({ kind: 'contact', alias: 'taker', targetAddress: 'c@d.example' });
      const took = await admin.patch<RecipientDto>(`/api/recipients/${other.id}`, {
        emailAddresses: [
          { address: 'taker@test.example', isPrimary: true },
          { address: 'newbie@test.example', isPrimary: false },
        ],
      });
      expect(took.status).toBe(200);
      const newbie = await create({ kind: 'contact', alias: 'newbie', targetAddress: 'e@f.example' });
      expect(newbie.primarySmtpAddress).toBe('newbie2@test.example');
    });
  });

  describe('placing mailboxes', () => {
    it("defaults to this server's first mounted mailbox store and refuses when none is mounted", async () => {
      const db = server.app.get(DataSource);
      const [first] = await db.query<Array<{ id: string; storage_group_id: string }>>(
        `SELECT id, storage_group_id FROM information_store WHERE kind = 'mailbox' ORDER BY created_at LIMIT 1`,
      );
      const [second] = await db.query<Array<{ id: string }>>(
        `INSERT INTO information_store (storage_group_id, kind, name) VALUES ($1, 'mailbox', 'Second Store') RETURNING id`,
        [first.storage_group_id],
      );
      try {
        await db.query(`UPDATE information_store SET mounted = false WHERE id = $1`, [first.id]);
        expect((await create({ kind: 'user', alias: 'placed' })).mailboxStoreId).toBe(second.id);
        expect((await create({ kind: 'user', alias: 'chosen', mailboxStoreId: first.id })).mailboxStoreId).toBe(
          first.id,
        );
        await db.query(`UPDATE information_store SET mounted = false WHERE id = $1`, [second.id]);
        const none = await admin.post<ErrorBody>('/api/recipients', { kind: 'user', alias: 'homeless' });
        expect(none.status).toBe(400);
        expect(none.body.message).toMatch(/no mounted mailbox store/);
      } finally {
        await db.query(`UPDATE information_store SET mounted = true WHERE id = ANY($1::uuid[])`, [
          [first.id, second.id],
        ]);
      }
    });
  });

  describe('reading', () => {
    it('pages by display name with a cursor and searches by prefix', async () => {
      for (const name of ['Zed Alpha', 'Zed Beta', 'Zed Gamma', 'Zed Delta', 'zed epsilon']) {
        await create({
          kind: 'contact',
          alias: name.toLowerCase().replace(' ', '.'),
          displayName: name,
          targetAddress: 'z@z.example',
        });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query = `/api/recipients?search=zed&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page: ApiResponse<Page<RecipientSummaryDto>> = await admin.get<Page<RecipientSummaryDto>>(query);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((i) => i.displayName));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['Zed Alpha', 'Zed Beta', 'Zed Delta', 'zed epsilon', 'Zed Gamma']);
      const byAddress = await admin.get<Page<RecipientSummaryDto>>('/api/recipients?search=JSMITH@test');
      expect(byAddress.body.items.map((i) => i.alias)).toEqual(['jsmith']);
      const groups = await admin.get<Page<RecipientSummaryDto>>('/api/recipients?kind=group');
      expect(groups.body.items.every((i) => i.kind === 'group')).toBe(true);
      const escaped = await admin.get<Page<RecipientSummaryDto>>('/api/recipients?search=%25');
      expect(escaped.body.items).toEqual([]);
    });

    it('validates paging parameters', async () => {
      expect((await admin.get('/api/recipients?limit=501')).status).toBe(400);
      expect((await admin.get('/api/recipients?limit=0')).status).toBe(400);
      expect((await admin.get('/api/recipients?cursor=garbage')).status).toBe(400);
      expect((await admin.get('/api/recipients?kind=robot')).status).toBe(400);
    });

    it('answers 404 for unknown ids and 400 for malformed ones', async () => {
      expect((await admin.get('/api/recipients/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await admin.get('/api/recipients/not-a-uuid')).status).toBe(400);
      expect((await admin.patch('/api/recipients/not-a-uuid', { title: 'x' })).status).toBe(400);
      expect((await admin.delete('/api/recipients/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });

  describe('editing', () => {
    it('edits attributes, regenerates policy addresses on an alias change and audits before/after', async () => {
      const user = await create({ kind: 'user', alias: 'mary', firstName: 'Mary', lastName: 'Major' });
      const res = await admin.patch<RecipientDto>(`/api/recipients/${user.id}`, {
        alias: 'mmajor',
        title: 'Director',
        department: 'Sales',
        protocols: { pop3Enabled: false },
        limits: { useStoreDefaults: false, issueWarningKb: 100, prohibitSendKb: 200, prohibitSendReceiveKb: 300 },
        restrictions: { requireAuthenticatedSenders: true, acceptFromIds: [adminId] },
        deliveryOptions: { sendOnBehalfIds: [adminId, adminId] },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        alias: 'mmajor',
        title: 'Director',
        primarySmtpAddress: 'mmajor@test.example',
        emailAddresses: [{ address: 'mmajor@test.example', isPrimary: true, fromPolicy: true }],
        protocols: { pop3Enabled: false, imap4Enabled: true },
        limits: { useStoreDefaults: false, issueWarningKb: 100, prohibitSendKb: 200, prohibitSendReceiveKb: 300 },
        restrictions: { requireAuthenticatedSenders: true, acceptFromIds: [adminId] },
        deliveryOptions: { sendOnBehalfIds: [adminId] },
      });
      const audit = await admin.get<
        Array<{ action: string; before: RecipientDto; after: RecipientDto; actorName: string }>
      >(`/api/audit?objectType=recipient&objectId=${user.id}`);
      expect(audit.body.map((e) => e.action)).toEqual(['update', 'create']);
      expect(audit.body[0]).toMatchObject({
        actorName: 'Administrator',
        before: { alias: 'mary' },
        after: { alias: 'mmajor' },
      });
    });

    it('keeps hand-edited addresses and turns policy generation off', async () => {
      const user = await create({ kind: 'user', alias: 'hand', firstName: 'Hand' });
      const res = await admin.patch<RecipientDto>(`/api/recipients/${user.id}`, {
        emailAddresses: [
          { address: 'hand@test.example', isPrimary: false },
          { address: 'Boss@Test.Example', isPrimary: true },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ addressesFromPolicy: false, primarySmtpAddress: 'Boss@test.example' });
      expect(res.body.emailAddresses).toEqual([
        { address: 'Boss@test.example', isPrimary: true, fromPolicy: false },
        { address: 'hand@test.example', isPrimary: false, fromPolicy: true },
      ]);
      const renamed = await admin.patch<RecipientDto>(`/api/recipients/${user.id}`, { alias: 'hand2' });
      expect(renamed.body.primarySmtpAddress).toBe('Boss@test.example');
      // Switching generation back on restores the policy's primary address and keeps the hand-added one.
      const back = await admin.patch<RecipientDto>(`/api/recipients/${user.id}`, { addressesFromPolicy: true });
      expect(back.body.primarySmtpAddress).toBe('hand2@test.example');
      expect(back.body.emailAddresses.map((a) => a.address)).toEqual(['hand2@test.example', 'Boss@test.example']);
    });

    it('refuses addresses another recipient owns (409 naming it) and bad address lists (400)', async () => {
      const user = await create({ kind: 'contact', alias: 'addr.test', targetAddress: 'x@y.example' });
      const taken = await admin.patch<ErrorBody>(`/api/recipients/${user.id}`, {
        emailAddresses: [{ address: 'JSmith@test.example', isPrimary: true }],
      });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toMatch(/JSmith@test\.example already belongs/);
      const twoPrimaries = await admin.patch(`/api/recipients/${user.id}`, {
        emailAddresses: [
          { address: 'a1@test.example', isPrimary: true },
          { address: 'a2@test.example', isPrimary: true },
        ],
      });
      expect(twoPrimaries.status).toBe(400);
      const invalid = await admin.patch<ErrorBody>(`/api/recipients/${user.id}`, {
        emailAddresses: [{ address: 'nope', isPrimary: true }],
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors?.[0].field).toBe('emailAddresses.0.address');
    });

    it('checks limits, references, forwarding and kind rules', async () => {
      const user = await create({ kind: 'user', alias: 'rules' });
      const patch = (body: unknown) => admin.patch<ErrorBody>(`/api/recipients/${user.id}`, body);
      expect((await patch({ limits: { issueWarningKb: 300, prohibitSendKb: 200 } })).status).toBe(400);
      expect((await patch({ limits: { prohibitSendKb: -1 } })).status).toBe(400);
      expect((await patch({ deliveryOptions: { forwardingRecipientId: user.id } })).body.message).toMatch(
        /cannot forward to itself/,
      );
      expect((await patch({ deliveryOptions: { sendAsIds: ['00000000-0000-4000-8000-000000000000'] } })).status).toBe(
        400,
      );
      expect((await patch({ restrictions: { rejectFromIds: ['00000000-0000-4000-8000-000000000000'] } })).status).toBe(
        400,
      );
      expect((await patch({ groupType: 'security' })).status).toBe(400);
      expect((await patch({ mailboxStoreId: null })).body.message).toMatch(
        /has either a mailbox store or a target address/,
      );
      expect((await patch({ displayName: null })).status).toBe(400);
      const forward = await patch({ deliveryOptions: { forwardingRecipientId: adminId, deliverAndForward: true } });
      expect(forward).toMatchObject({
        status: 200,
        body: { deliveryOptions: { forwardingRecipientId: adminId, deliverAndForward: true } },
      });
      expect((await patch({ alias: 'JSmith' })).status).toBe(409);
    });
  });

  describe('passwords, disabling and deleting', () => {
    it("sets a password, which ends the user's console sessions", async () => {
      const user = await create({ kind: 'user', alias: 'pwuser', password: 'First-passw0rd' });
      const login = await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'pwuser', password: 'First-passw0rd' }),
      });
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const session = () => fetch(`${server.baseUrl}/api/auth/session`, { headers: { cookie } });
      expect((await session()).status).toBe(200);
      expect((await admin.post(`/api/recipients/${user.id}/password`, { password: 'short' })).status).toBe(400);
      expect((await admin.post(`/api/recipients/${user.id}/password`, { password: 'Second-passw0rd' })).status).toBe(
        204,
      );
      expect((await session()).status).toBe(401);
      await expect(server.login('pwuser', 'Second-passw0rd')).resolves.toBeInstanceOf(ApiClient);
      const contact = await create({ kind: 'contact', alias: 'nopw', targetAddress: 'n@p.example' });
      expect((await admin.post(`/api/recipients/${contact.id}/password`, { password: 'Second-passw0rd' })).status).toBe(
        400,
      );
      expect(
        (
          await admin.post('/api/recipients/00000000-0000-4000-8000-000000000000/password', {
            password: 'Second-passw0rd',
          })
        ).status,
      ).toBe(404);
      const audit = await admin.get<Array<{ action: string; after: unknown }>>(
        `/api/audit?objectType=recipient&objectId=${user.id}`,
      );
      expect(audit.body[0]).toMatchObject({ action: 'set-password' });
      expect(JSON.stringify(audit.body)).not.toContain('Second-passw0rd');
    });

    it('never disables or deletes the last Full Administrator', async () => {
      const disable = await admin.patch<ErrorBody>(`/api/recipients/${adminId}`, { accountDisabled: true });
      expect(disable.status).toBe(409);
      expect(disable.body.message).toMatch(/last Full Administrator/);
      expect((await admin.delete(`/api/recipients/${adminId}`)).status).toBe(409);
      expect((await admin.get<RecipientDto>(`/api/recipients/${adminId}`)).body.accountDisabled).toBe(false);
    });

    it('deletes a recipient, frees its alias and addresses and drops references to it', async () => {
      const doomed = await create({ kind: 'contact', alias: 'doomed', targetAddress: 'd@d.example' });
      const keeper = await create({ kind: 'user', alias: 'keeper' });
      await admin.patch(`/api/recipients/${keeper.id}`, {
        restrictions: { acceptFromIds: [doomed.id] },
        deliveryOptions: { forwardingRecipientId: doomed.id },
      });
      expect((await admin.delete(`/api/recipients/${doomed.id}`)).status).toBe(204);
      expect((await admin.get(`/api/recipients/${doomed.id}`)).status).toBe(404);
      const kept = await admin.get<RecipientDto>(`/api/recipients/${keeper.id}`);
      expect(kept.body.restrictions.acceptFromIds).toEqual([]);
      expect(kept.body.deliveryOptions.forwardingRecipientId).toBeNull();
      const again = await create({ kind: 'contact', alias: 'doomed', targetAddress: 'd@d.example' });
      expect(again.primarySmtpAddress).toBe('doomed@test.example');
      const audit = await admin.get<Array<{ action: string; before: { alias: string } }>>(
        `/api/audit?objectType=recipient&objectId=${doomed.id}`,
      );
      expect(audit.body[0]).toMatchObject({ action: 'delete', before: { alias: 'doomed' } });
    });
  });
});
