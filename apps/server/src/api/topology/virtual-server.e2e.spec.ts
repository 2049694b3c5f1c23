import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerDto, VirtualServerDto } from '@estafette/contracts';
import { freeListenerPorts } from '../../listeners/testing/free-listener-ports';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { auditOf, fieldsOf, UNKNOWN_ID } from './testing/topology-fixtures';

describe('protocol virtual servers API', () => {
  let server: TestServer;
  let admin: ApiClient;
  let mail1: ServerDto;
  let smtp: VirtualServerDto;
  let url: string;

  beforeAll(async () => {
    // Real port numbers (test servers bind port 0 by default), so that the port-conflict checks below have some.
    server = await startTestServer({ ports: await freeListenerPorts() });
    admin = await server.login();
    [mail1] = (await admin.get<ServerDto[]>('/api/servers')).body;
    url = `/api/servers/${mail1.id}/virtual-servers`;
  });
  afterAll(async () => server.close());

  it('lists the default virtual servers setup created', async () => {
    const res = await admin.get<VirtualServerDto[]>(url);
    expect(res.status).toBe(200);
    expect(res.body.map((v) => v.protocol)).toEqual(['http', 'imap4', 'ldap', 'nntp', 'pop3', 'smtp']);
    smtp = res.body.find((v) => v.protocol === 'smtp') as VirtualServerDto;
    expect(smtp).toMatchObject({ name: 'Default SMTP Virtual Server', bindAddress: '127.0.0.1', enabled: true });
    expect(smtp.settings.relay).toEqual({ allowAuthenticatedRelay: true, relayFrom: [] });
    expect((await admin.get(`/api/virtual-servers/${smtp.id}`)).body).toEqual(smtp);
  });

  it('creates a virtual server with the protocol’s default authentication', async () => {
    const res = await admin.post<VirtualServerDto>(url, {
      protocol: 'imap4',
      name: 'Partner IMAP4',
      bindAddress: '127.0.0.2',
      port: 10143,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      serverId: mail1.id,
      tlsPort: null,
      enabled: true,
      authMethods: ['plain', 'login'],
      settings: {},
    });
    expect((await auditOf(admin, 'virtual-server', res.body.id))[0]).toMatchObject({
      action: 'create',
      after: { name: 'Partner IMAP4' },
    });
  });

  it('validates addresses, ports, protocol, authentication and settings with field errors', async () => {
    const base = { protocol: 'smtp', name: 'Bad', bindAddress: '127.0.0.3', port: 10025 };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ bindAddress: 'localhost' }, 'bindAddress'],
      [{ bindAddress: 'fe80::1%eth0' }, 'bindAddress'],
      [{ port: 65536 }, 'port'],
      [{ port: undefined }, 'port'],
      [{ tlsPort: -1 }, 'tlsPort'],
      [{ tlsPort: 10025 }, 'tlsPort'],
      [{ protocol: 'x400' }, 'protocol'],
      [{ authMethods: ['kerberos'] }, 'authMethods'],
      [{ authMethods: ['integrated'] }, 'authMethods'],
      [{ authMethods: [] }, 'authMethods'],
      [{ protocol: 'imap4', authMethods: ['anonymous'] }, 'authMethods'],
      [{ protocol: 'pop3', settings: { relay: { allowAuthenticatedRelay: false, relayFrom: [] } } }, 'settings.relay'],
      [{ protocol: 'ldap', settings: { submissionPort: 587 } }, 'settings.submissionPort'],
      [
        { settings: { relay: { allowAuthenticatedRelay: true, relayFrom: ['10.0.0.0/33'] } } },
        'settings.relay.relayFrom',
      ],
      [{ settings: { relay: { relayFrom: [] } } }, 'settings.relay.allowAuthenticatedRelay'],
      [{ settings: { maxConnections: 0 } }, 'settings.maxConnections'],
      [{ settings: { connectionTimeoutSeconds: 86401 } }, 'settings.connectionTimeoutSeconds'],
      [{ settings: { submissionPort: 10025 } }, 'settings.submissionPort'],
      [{ settings: { colour: 'red' } }, 'settings.colour'],
      [{ settings: 'fast' }, 'settings'],
      [{ name: 'a?b' }, 'name'],
    ];
    for (const [change, field] of cases) {
      const res = await admin.post(url, { ...base, ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(fieldsOf(res.body), JSON.stringify(change)).toContain(field);
    }
  });

  it('refuses a second enabled listener on the same address and port, allowing it disabled', async () => {
    const clash = await admin.post<{ message: string }>(url, {
      protocol: 'smtp',
      name: 'Second SMTP',
      bindAddress: '0.0.0.0',
      port: smtp.port,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toMatch(
      new RegExp(
        `port ${smtp.port} on 0.0.0.0 is already used by the smtp virtual server "Default SMTP Virtual Server"`,
      ),
    );
    const tlsClash = await admin.post<{ message: string }>(url, {
      protocol: 'pop3',
      name: 'Other',
      bindAddress: '127.0.0.1',
      port: smtp.tlsPort,
    });
    expect(tlsClash.status).toBe(409);

    const disabled = await admin.post<VirtualServerDto>(url, {
      protocol: 'smtp',
      name: 'Second SMTP',
      port: smtp.port,
      enabled: false,
    });
    expect(disabled.status).toBe(201);
    expect(disabled.body.bindAddress).toBe('0.0.0.0');
    const enable = await admin.patch(`/api/virtual-servers/${disabled.body.id}`, { enabled: true });
    expect(enable.status).toBe(409);
    const moved = await admin.patch<VirtualServerDto>(`/api/virtual-servers/${disabled.body.id}`, {
      enabled: true,
      bindAddress: '0:0::1',
      port: 10026,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ bindAddress: '::1', port: 10026, enabled: true });
    expect((await admin.post(url, { protocol: 'http', name: 'Web', bindAddress: '::', port: 10026 })).status).toBe(409);

    const dupName = await admin.post(url, { protocol: 'smtp', name: 'second smtp', port: 0 });
    expect(dupName.status).toBe(409);
  });

  it('merges settings key by key on update, with audit', async () => {
    const res = await admin.patch<VirtualServerDto>(`/api/virtual-servers/${smtp.id}`, {
      settings: {
        maxConnections: 50,
        relay: { allowAuthenticatedRelay: false, relayFrom: ['192.0.2.0/24', '2001:db8::/32'] },
      },
      authMethods: ['plain', 'login'],
    });
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual({
      ...smtp.settings,
      maxConnections: 50,
      relay: { allowAuthenticatedRelay: false, relayFrom: ['192.0.2.0/24', '2001:db8::/32'] },
    });
    expect((await auditOf(admin, 'virtual-server', smtp.id))[0]).toMatchObject({
      action: 'update',
      before: { settings: { maxConnections: 1000 }, authMethods: ['anonymous', 'plain', 'login'] },
      after: { settings: { maxConnections: 50 } },
    });
    const bad = await admin.patch(`/api/virtual-servers/${smtp.id}`, { protocol: 'pop3', tlsPort: smtp.port });
    expect(fieldsOf(bad.body)).toEqual(['protocol']);
    const clash = await admin.patch(`/api/virtual-servers/${smtp.id}`, { tlsPort: smtp.port });
    expect(fieldsOf(clash.body)).toEqual(['tlsPort']);
  });

  it('deletes a virtual server', async () => {
    const created = (await admin.post<VirtualServerDto>(url, { protocol: 'nntp', name: 'News', port: 0 })).body;
    expect((await admin.delete(`/api/virtual-servers/${created.id}`)).status).toBe(204);
    expect((await admin.get(`/api/virtual-servers/${created.id}`)).status).toBe(404);
    expect((await auditOf(admin, 'virtual-server', created.id))[0]).toMatchObject({
      action: 'delete',
      before: { protocol: 'nntp' },
    });
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    expect((await admin.get(`/api/servers/${UNKNOWN_ID}/virtual-servers`)).status).toBe(404);
    expect(
      (await admin.post(`/api/servers/${UNKNOWN_ID}/virtual-servers`, { protocol: 'smtp', name: 'X', port: 0 })).status,
    ).toBe(404);
    expect((await admin.get(`/api/virtual-servers/${UNKNOWN_ID}`)).status).toBe(404);
    expect((await admin.patch(`/api/virtual-servers/${UNKNOWN_ID}`, {})).status).toBe(404);
    expect((await admin.delete(`/api/virtual-servers/${UNKNOWN_ID}`)).status).toBe(404);
    expect((await admin.get('/api/virtual-servers/abc')).status).toBe(400);
  });
});
