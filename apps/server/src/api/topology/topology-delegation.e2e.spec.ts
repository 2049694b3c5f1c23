import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdministrativeGroupDto,
  InformationStoreDto,
  RoutingGroupDto,
  ServerDto,
  StorageGroupDto,
  VirtualServerDto,
} from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { insertServer, signInDelegate } from './testing/topology-fixtures';

/** Roles on topology routes: View Only Administrators read, delegated Administrators write inside their administrative group. */
describe('topology delegation', () => {
  let server: TestServer;
  let admin: ApiClient;
  let ag1: AdministrativeGroupDto;
  let ag2: AdministrativeGroupDto;
  let rg1: RoutingGroupDto;
  let rg2: RoutingGroupDto;
  let mail1: ServerDto;
  let mail2: string;
  let store: InformationStoreDto;
  let smtp: VirtualServerDto;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    [ag1] = (await admin.get<AdministrativeGroupDto[]>('/api/administrative-groups')).body;
    [rg1] = (await admin.get<RoutingGroupDto[]>('/api/routing-groups')).body;
    [mail1] = (await admin.get<ServerDto[]>('/api/servers')).body;
    [store] = (await admin.get<InformationStoreDto[]>('/api/stores?kind=mailbox')).body;
    smtp = (await admin.get<VirtualServerDto[]>(`/api/servers/${mail1.id}/virtual-servers`)).body.find(
      (v) => v.protocol === 'smtp',
    ) as VirtualServerDto;
    ag2 = (await admin.post<AdministrativeGroupDto>('/api/administrative-groups', { name: 'Branch' })).body;
    rg2 = (
      await admin.post<RoutingGroupDto>('/api/routing-groups', { name: 'Branch RG', administrativeGroupId: ag2.id })
    ).body;
    mail2 = await insertServer(server, 'branch1.test.example', ag2.id, rg2.id);
  });
  afterAll(async () => server.close());

  describe('a View Only Administrator', () => {
    let viewer: ApiClient;

    beforeAll(async () => {
      viewer = await signInDelegate(server, 'viewer', 'view-only-administrator');
    });

    it('reads every topology resource', async () => {
      for (const path of [
        '/api/administrative-groups',
        '/api/routing-groups',
        '/api/servers',
        `/api/servers/${mail1.id}`,
        '/api/routing-group-connectors',
        '/api/smtp-connectors',
        `/api/servers/${mail1.id}/storage-groups`,
        '/api/stores',
        `/api/stores/${store.id}`,
        `/api/servers/${mail1.id}/virtual-servers`,
      ]) {
        expect((await viewer.get(path)).status, path).toBe(200);
      }
    });

    it('gets 403 on every kind of change, and nothing changes', async () => {
      const writes: Array<[string, string, unknown]> = [
        ['POST', '/api/administrative-groups', { name: 'Nope' }],
        ['PATCH', `/api/administrative-groups/${ag1.id}`, { name: 'Nope' }],
        ['DELETE', `/api/administrative-groups/${ag2.id}`, undefined],
        ['POST', '/api/routing-groups', { name: 'Nope', administrativeGroupId: ag1.id }],
        ['PATCH', `/api/routing-groups/${rg1.id}`, { name: 'Nope' }],
        ['PATCH', `/api/servers/${mail1.id}`, { routingGroupId: rg2.id }],
        ['DELETE', `/api/servers/${mail2}`, undefined],
        [
          'POST',
          '/api/routing-group-connectors',
          { name: 'Nope', sourceRoutingGroupId: rg1.id, targetRoutingGroupId: rg2.id },
        ],
        [
          'POST',
          '/api/smtp-connectors',
          { name: 'Nope', routingGroupId: rg1.id, addressSpaces: [{ type: 'SMTP', address: '*', cost: 1 }] },
        ],
        ['POST', `/api/servers/${mail1.id}/storage-groups`, { name: 'Nope' }],
        ['POST', `/api/stores/${store.id}/dismount`, undefined],
        ['PATCH', `/api/stores/${store.id}`, { deletedItemRetentionDays: 1 }],
        ['DELETE', `/api/stores/${store.id}`, undefined],
        ['PATCH', `/api/virtual-servers/${smtp.id}`, { enabled: false }],
        ['POST', `/api/servers/${mail1.id}/virtual-servers`, { protocol: 'smtp', name: 'Nope', port: 0 }],
      ];
      for (const [method, path, body] of writes) {
        const res = await viewer.request<{ message: string }>(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.message).toBe('your role does not allow write here');
      }
      expect((await admin.get<InformationStoreDto>(`/api/stores/${store.id}`)).body).toMatchObject({
        mounted: true,
        deletedItemRetentionDays: 7,
      });
      expect((await admin.get<ServerDto>(`/api/servers/${mail1.id}`)).body.routingGroupId).toBe(rg1.id);
    });
  });

  describe('an Administrator delegated on one administrative group', () => {
    let delegate: ApiClient;

    beforeAll(async () => {
      delegate = await signInDelegate(server, 'branchadmin', 'administrator', ag2.id);
    });

    it('manages the servers, storage and protocols of its group', async () => {
      const sg = await delegate.post<StorageGroupDto>(`/api/servers/${mail2}/storage-groups`, { name: 'Branch SG' });
      expect(sg.status).toBe(201);
      const st = await delegate.post<InformationStoreDto>(`/api/storage-groups/${sg.body.id}/stores`, {
        kind: 'mailbox',
        name: 'Branch Store',
      });
      expect(st.status).toBe(201);
      expect((await delegate.post(`/api/stores/${st.body.id}/dismount`)).status).toBe(200);
      const vs = await delegate.post<VirtualServerDto>(`/api/servers/${mail2}/virtual-servers`, {
        protocol: 'pop3',
        name: 'Branch POP3',
        port: 0,
      });
      expect(vs.status).toBe(201);
      expect((await delegate.patch(`/api/virtual-servers/${vs.body.id}`, { enabled: false })).status).toBe(200);
      expect(
        (await delegate.patch(`/api/administrative-groups/${ag2.id}`, { description: 'Branch offices' })).status,
      ).toBe(200);
    });

    it('creates routing groups and connectors in its group and moves its servers between them', async () => {
      const rg3 = await delegate.post<RoutingGroupDto>('/api/routing-groups', {
        name: 'Branch RG 2',
        administrativeGroupId: ag2.id,
      });
      expect(rg3.status).toBe(201);
      expect((await delegate.patch(`/api/servers/${mail2}`, { routingGroupId: rg3.body.id })).status).toBe(200);
      // A connector belongs to its source group; its target may be anywhere.
      const rgc = await delegate.post('/api/routing-group-connectors', {
        name: 'Branch to HQ',
        sourceRoutingGroupId: rg3.body.id,
        targetRoutingGroupId: rg1.id,
      });
      expect(rgc.status).toBe(201);
    });

    it('gets 403 outside its group, for moves across groups and for organisation-wide changes', async () => {
      const writes: Array<[string, string, unknown]> = [
        ['POST', '/api/administrative-groups', { name: 'Mine' }],
        ['DELETE', `/api/administrative-groups/${ag2.id}`, undefined],
        ['PATCH', `/api/administrative-groups/${ag1.id}`, { name: 'Mine' }],
        ['POST', '/api/routing-groups', { name: 'Elsewhere', administrativeGroupId: ag1.id }],
        ['PATCH', `/api/routing-groups/${rg1.id}`, { name: 'Mine' }],
        ['PATCH', `/api/servers/${mail1.id}`, {}],
        ['PATCH', `/api/servers/${mail2}`, { routingGroupId: rg1.id }],
        ['PATCH', `/api/servers/${mail2}`, { administrativeGroupId: ag1.id }],
        ['POST', `/api/servers/${mail1.id}/storage-groups`, { name: 'Mine' }],
        ['POST', `/api/stores/${store.id}/dismount`, undefined],
        ['PATCH', `/api/virtual-servers/${smtp.id}`, { enabled: false }],
        [
          'POST',
          '/api/routing-group-connectors',
          { name: 'HQ to Branch', sourceRoutingGroupId: rg1.id, targetRoutingGroupId: rg2.id },
        ],
        [
          'POST',
          '/api/smtp-connectors',
          { name: 'Mine', routingGroupId: rg1.id, addressSpaces: [{ type: 'SMTP', address: '*', cost: 1 }] },
        ],
        // Ids that cannot be placed in its group fall back to the organisation scope.
        ['PATCH', '/api/servers/not-a-uuid', {}],
      ];
      for (const [method, path, body] of writes) {
        expect((await delegate.request(method, path, body)).status, `${method} ${path} ${JSON.stringify(body)}`).toBe(
          403,
        );
      }
    });
  });
});
