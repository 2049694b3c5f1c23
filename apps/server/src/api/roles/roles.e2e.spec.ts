import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { CredentialService } from '@estafette/security';
import type { RoleAssignmentDto } from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';

describe('roles (delegation)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let helpdeskId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    const db = server.app.get(DataSource);
    const [{ id }] = await db.query<Array<{ id: string }>>(
      `INSERT INTO recipient (kind, container_id, alias, display_name)
       SELECT 'user', id, 'helpdesk', 'Help Desk' FROM recipient_container WHERE name = 'Users' RETURNING id`,
    );
    helpdeskId = id;
    await db.transaction((m) => server.app.get(CredentialService).setPassword(m, id, 'Helpdesk-Passw0rd'));
  });
  afterAll(async () => server.close());

  it('lets a signed-in user without a role nowhere', async () => {
    const helpdesk = await server.login('helpdesk', 'Helpdesk-Passw0rd');
    expect((await helpdesk.get('/api/organization')).status).toBe(403);
  });

  it('grants View Only Administrator: reads allowed, writes refused', async () => {
    const granted = await admin.post<RoleAssignmentDto>('/api/roles', {
      recipientId: helpdeskId,
      role: 'view-only-administrator',
      scopeType: 'organization',
    });
    expect(granted.status).toBe(201);
    const helpdesk = await server.login('helpdesk', 'Helpdesk-Passw0rd');
    expect((await helpdesk.get('/api/organization')).status).toBe(200);
    expect((await helpdesk.patch('/api/organization', { name: 'Hijacked' })).status).toBe(403);
    expect(
      (
        await helpdesk.post('/api/roles', {
          recipientId: helpdeskId,
          role: 'full-administrator',
          scopeType: 'organization',
        })
      ).status,
    ).toBe(403);
    expect((await admin.delete(`/api/roles/${granted.body.id}`)).status).toBe(200);
    expect((await helpdesk.get('/api/organization')).status).toBe(403);
  });

  it('never removes the last Full Administrator', async () => {
    const roles = await admin.get<RoleAssignmentDto[]>('/api/roles');
    const full = roles.body.find((r) => r.role === 'full-administrator');
    const res = await admin.delete<{ message: string }>(`/api/roles/${full?.id}`);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/last Full Administrator/);
  });

  it('validates assignments', async () => {
    const res = await admin.post('/api/roles', {
      recipientId: 'nope',
      role: 'king',
      scopeType: 'administrative-group',
    });
    expect(res.status).toBe(400);
    const missingScope = await admin.post('/api/roles', {
      recipientId: helpdeskId,
      role: 'administrator',
      scopeType: 'administrative-group',
    });
    expect(missingScope.status).toBe(400);
  });
});
