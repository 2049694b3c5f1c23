import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdministrativeGroupDto,
  RoutingGroupConnectorDto,
  RoutingGroupDto,
  ServerDto,
  SmtpConnectorDto,
} from '@estafette/contracts';
import { selectSmtpConnector } from '@estafette/directory';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { auditOf, fieldsOf, insertServer, UNKNOWN_ID } from './testing/topology-fixtures';

describe('routing group and SMTP connectors API', () => {
  let server: TestServer;
  let admin: ApiClient;
  let rg1: RoutingGroupDto;
  let rg2: RoutingGroupDto;
  let mail1: ServerDto;
  let mail2: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    const [ag1] = (await admin.get<AdministrativeGroupDto[]>('/api/administrative-groups')).body;
    [rg1] = (await admin.get<RoutingGroupDto[]>('/api/routing-groups')).body;
    [mail1] = (await admin.get<ServerDto[]>('/api/servers')).body;
    rg2 = (await admin.post<RoutingGroupDto>('/api/routing-groups', { name: 'London', administrativeGroupId: ag1.id }))
      .body;
    mail2 = await insertServer(server, 'mail2.test.example', ag1.id, rg2.id);
  });
  afterAll(async () => server.close());

  describe('routing group connectors', () => {
    let rgc: RoutingGroupConnectorDto;

    it('creates a connector with defaults, then reads, lists and updates it with audit', async () => {
      const created = await admin.post<RoutingGroupConnectorDto>('/api/routing-group-connectors', {
        name: 'Paris to London',
        sourceRoutingGroupId: rg1.id,
        targetRoutingGroupId: rg2.id,
        sourceBridgeheadIds: [mail1.id],
        targetBridgeheadIds: [mail2],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        cost: 1,
        enabled: true,
        sourceBridgeheadIds: [mail1.id],
        targetBridgeheadIds: [mail2],
      });
      rgc = created.body;
      expect((await admin.get(`/api/routing-group-connectors/${rgc.id}`)).body).toEqual(rgc);
      expect(
        (await admin.get<RoutingGroupConnectorDto[]>('/api/routing-group-connectors')).body.map((c) => c.id),
      ).toEqual([rgc.id]);

      const updated = await admin.patch<RoutingGroupConnectorDto>(`/api/routing-group-connectors/${rgc.id}`, {
        cost: 20,
        enabled: false,
      });
      expect(updated.body).toMatchObject({ cost: 20, enabled: false, name: 'Paris to London' });
      expect((await auditOf(admin, 'routing-group-connector', rgc.id))[0]).toMatchObject({
        action: 'update',
        before: { cost: 1, enabled: true },
        after: { cost: 20, enabled: false },
      });
    });

    it('validates cost, direction and bridgeheads', async () => {
      const base = { name: 'Back', sourceRoutingGroupId: rg2.id, targetRoutingGroupId: rg1.id };
      for (const cost of [0, 101, 1.5, '5']) {
        const res = await admin.post('/api/routing-group-connectors', { ...base, cost });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain('cost');
      }
      const loop = await admin.post('/api/routing-group-connectors', { ...base, targetRoutingGroupId: rg2.id });
      expect(fieldsOf(loop.body)).toEqual(['targetRoutingGroupId']);
      const unknown = await admin.post('/api/routing-group-connectors', { ...base, sourceRoutingGroupId: UNKNOWN_ID });
      expect(fieldsOf(unknown.body)).toEqual(['sourceRoutingGroupId']);
      const notMember = await admin.post('/api/routing-group-connectors', { ...base, sourceBridgeheadIds: [mail1.id] });
      expect(notMember.status).toBe(400);
      expect(fieldsOf(notMember.body)).toEqual(['sourceBridgeheadIds.0']);
      const malformed = await admin.post('/api/routing-group-connectors', { ...base, targetBridgeheadIds: ['x'] });
      expect(fieldsOf(malformed.body)).toEqual(['targetBridgeheadIds']);
      const twice = await admin.post('/api/routing-group-connectors', {
        ...base,
        targetBridgeheadIds: [mail1.id, mail1.id],
      });
      expect(fieldsOf(twice.body)).toEqual(['targetBridgeheadIds']);
      const patchLoop = await admin.patch(`/api/routing-group-connectors/${rgc.id}`, { targetRoutingGroupId: rg1.id });
      expect(fieldsOf(patchLoop.body)).toEqual(['targetRoutingGroupId']);

      const back = await admin.post<RoutingGroupConnectorDto>('/api/routing-group-connectors', { ...base, cost: 100 });
      expect(back.status).toBe(201);
    });

    it('refuses a duplicate name', async () => {
      const res = await admin.post('/api/routing-group-connectors', {
        name: 'paris TO london',
        sourceRoutingGroupId: rg2.id,
        targetRoutingGroupId: rg1.id,
      });
      expect(res.status).toBe(409);
    });

    it('keeps a bridgehead in its routing group and the group while connectors use it', async () => {
      const move = await admin.patch<{ message: string }>(`/api/servers/${mail2}`, { routingGroupId: rg1.id });
      expect(move.status).toBe(409);
      expect(move.body.message).toMatch(/is a bridgehead of routing group connector "Paris to London"/);
      expect((await admin.delete(`/api/servers/${mail2}`)).status).toBe(409);
      const del = await admin.delete<{ message: string }>(`/api/routing-groups/${rg2.id}`);
      expect(del.status).toBe(409);
    });

    it('deletes a connector, then answers 404', async () => {
      expect((await admin.delete(`/api/routing-group-connectors/${rgc.id}`)).status).toBe(204);
      expect((await admin.get(`/api/routing-group-connectors/${rgc.id}`)).status).toBe(404);
      expect((await admin.patch(`/api/routing-group-connectors/${UNKNOWN_ID}`, { cost: 2 })).status).toBe(404);
      expect((await admin.delete(`/api/routing-group-connectors/nope`)).status).toBe(400);
      expect((await auditOf(admin, 'routing-group-connector', rgc.id))[0]).toMatchObject({
        action: 'delete',
        before: { cost: 20 },
      });
    });
  });

  describe('SMTP connectors', () => {
    let internet: SmtpConnectorDto;

    it('creates a connector with address spaces and a smart host', async () => {
      const res = await admin.post<SmtpConnectorDto>('/api/smtp-connectors', {
        name: 'Internet',
        routingGroupId: rg1.id,
        addressSpaces: [{ type: 'SMTP', address: '*', cost: 10 }],
        smartHost: '[192.0.2.25]:587',
        bridgeheadServerIds: [mail1.id],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        scope: 'organization',
        enabled: true,
        maxMessageSizeKb: null,
        smartHost: '[192.0.2.25]:587',
      });
      internet = res.body;
      expect((await auditOf(admin, 'smtp-connector', internet.id))[0]).toMatchObject({
        action: 'create',
        after: { name: 'Internet' },
      });
    });

    it('validates address spaces, smart host, scope and bridgeheads', async () => {
      const base = {
        name: 'Partner',
        routingGroupId: rg1.id,
        addressSpaces: [{ type: 'SMTP', address: 'partner.example', cost: 1 }],
      };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ addressSpaces: [] }, 'addressSpaces'],
        [{ addressSpaces: undefined }, 'addressSpaces'],
        [{ addressSpaces: [{ type: 'SMTP', address: 'exa mple.com', cost: 1 }] }, 'addressSpaces.0.address'],
        [{ addressSpaces: [{ type: 'SMTP', address: 'a.*.example', cost: 1 }] }, 'addressSpaces.0.address'],
        [{ addressSpaces: [{ type: 'X400', address: '*', cost: 1 }] }, 'addressSpaces.0.type'],
        [{ addressSpaces: [{ type: 'SMTP', address: '*', cost: 0 }] }, 'addressSpaces.0.cost'],
        [{ addressSpaces: [{ type: 'SMTP', address: '*', cost: 1, extra: 1 }] }, 'addressSpaces.0.extra'],
        [{ smartHost: '192.0.2.25' }, 'smartHost'],
        [{ smartHost: 'relay.example.net:99999' }, 'smartHost'],
        [{ scope: 'world' }, 'scope'],
        [{ maxMessageSizeKb: 0 }, 'maxMessageSizeKb'],
        [{ routingGroupId: UNKNOWN_ID }, 'routingGroupId'],
        [{ bridgeheadServerIds: [mail2] }, 'bridgeheadServerIds.0'],
      ];
      for (const [change, field] of cases) {
        const res = await admin.post('/api/smtp-connectors', { ...base, ...change });
        expect(res.status, field).toBe(400);
        expect(fieldsOf(res.body), JSON.stringify(change)).toContain(field);
      }
      const twice = await admin.post('/api/smtp-connectors', {
        ...base,
        addressSpaces: [
          { type: 'SMTP', address: 'a.example', cost: 1 },
          { type: 'SMTP', address: 'A.example', cost: 2 },
        ],
      });
      expect(fieldsOf(twice.body)).toEqual(['addressSpaces.1.address']);
    });

    it('stores domains in lower case and routes by the most specific address space', async () => {
      const partner = await admin.post<SmtpConnectorDto>('/api/smtp-connectors', {
        name: 'Partner',
        routingGroupId: rg2.id,
        addressSpaces: [{ type: 'SMTP', address: '*.Partner.Example', cost: 50 }],
        smartHost: 'relay.partner.example',
        scope: 'routing-group',
        maxMessageSizeKb: 5120,
      });
      expect(partner.status).toBe(201);
      expect(partner.body.addressSpaces).toEqual([{ type: 'SMTP', address: '*.partner.example', cost: 50 }]);

      const all = (await admin.get<SmtpConnectorDto[]>('/api/smtp-connectors')).body;
      expect(all.map((c) => c.name)).toEqual(['Internet', 'Partner']);
      expect(selectSmtpConnector(all, 'mx.partner.example', rg2.id)?.connector.name).toBe('Partner');
      expect(selectSmtpConnector(all, 'mx.partner.example', rg1.id)?.connector.name).toBe('Internet');
      expect(selectSmtpConnector(all, 'elsewhere.example')?.connector.name).toBe('Internet');
    });

    it('updates the smart host to DNS delivery and disables the connector', async () => {
      const res = await admin.patch<SmtpConnectorDto>(`/api/smtp-connectors/${internet.id}`, {
        smartHost: null,
        enabled: false,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ smartHost: null, enabled: false, addressSpaces: internet.addressSpaces });
      const moved = await admin.patch(`/api/smtp-connectors/${internet.id}`, { routingGroupId: rg2.id });
      expect(fieldsOf(moved.body)).toEqual(['bridgeheadServerIds.0']);
      const emptied = await admin.patch(`/api/smtp-connectors/${internet.id}`, { addressSpaces: [] });
      expect(fieldsOf(emptied.body)).toContain('addressSpaces');
      const dup = await admin.patch(`/api/smtp-connectors/${internet.id}`, { name: 'PARTNER' });
      expect(dup.status).toBe(409);
    });

    it('keeps a bridgehead in its routing group, then deletes the connector', async () => {
      const move = await admin.patch<{ message: string }>(`/api/servers/${mail1.id}`, { routingGroupId: rg2.id });
      expect(move.status).toBe(409);
      expect(move.body.message).toMatch(/bridgehead of SMTP connector "Internet"/);
      expect((await admin.delete(`/api/smtp-connectors/${internet.id}`)).status).toBe(204);
      expect((await admin.get(`/api/smtp-connectors/${internet.id}`)).status).toBe(404);
      expect((await admin.delete(`/api/smtp-connectors/${internet.id}`)).status).toBe(404);
      expect((await admin.get('/api/smtp-connectors/zzz')).status).toBe(400);
    });
  });
});
