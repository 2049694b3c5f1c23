import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottleService } from '@estafette/security';
import { ApiClient, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../../testing/test-server';

describe('authentication and the organisation API', () => {
  let server: TestServer;
  let anonymous: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    anonymous = new ApiClient(server.baseUrl, null);
  });
  afterAll(async () => server.close());

  it('refuses API calls without credentials', async () => {
    const res = await anonymous.get('/api/organization');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401 });
  });

  it('created First Organization on first run', async () => {
    const admin = await server.login();
    const res = await admin.get('/api/organization');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'First Organization', maxMessageSizeKb: 10240 });
  });

  it('signs in to the console with a cookie and enforces CSRF on changes', async () => {
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'administrator', password: TEST_ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookies = login.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('estafette_session='));
    const csrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    const cookieHeader = [session, csrf].map((c) => (c as string).split(';')[0]).join('; ');
    const csrfToken = (csrf as string).split(';')[0].split('=')[1];

    const read = await fetch(`${server.baseUrl}/api/auth/session`, { headers: { cookie: cookieHeader } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ alias: 'administrator', roles: [{ role: 'full-administrator' }] });

    const patch = (headers: Record<string, string>) =>
      fetch(`${server.baseUrl}/api/organization`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: cookieHeader, ...headers },
        body: JSON.stringify({ maxRecipientsPerMessage: 250 }),
      });
    expect((await patch({})).status).toBe(403);
    expect((await patch({ 'x-xsrf-token': 'f'.repeat(64) })).status).toBe(403);
    const ok = await patch({ 'x-xsrf-token': csrfToken });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ maxRecipientsPerMessage: 250 });
  });

  it('answers wrong passwords with 401 and then rate-limits the account', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await anonymous.post('/api/auth/token', { username: 'administrator', password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const limited = await anonymous.post('/api/auth/token', {
      username: 'administrator',
      password: TEST_ADMIN_PASSWORD,
    });
    expect(limited.status).toBe(429);
    // RFC 6585 §4: the answer says how long to wait, in whole seconds within the throttle window.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('validates input with field-level errors and audits every change', async () => {
    server.app.get(LoginThrottleService).limits.perAccount = 1000;
    const admin = await server.login();
    const bad = await admin.patch<{ errors: Array<{ field: string }> }>('/api/organization', {
      maxMessageSizeKb: -5,
      bogus: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['maxMessageSizeKb', 'bogus']));

    const renamed = await admin.patch('/api/organization', { name: 'Contoso' });
    expect(renamed.status).toBe(200);
    const audit = await admin.get<
      Array<{
        action: string;
        objectType: string;
        before: { name: string };
        after: { name: string };
        actorName: string;
      }>
    >('/api/audit?objectType=organization');
    const entry = audit.body.find((e) => e.after?.name === 'Contoso');
    expect(entry).toMatchObject({
      action: 'update',
      actorName: 'Administrator',
      before: { name: 'First Organization' },
    });
  });

  it('serves the OpenAPI document', async () => {
    const res = await anonymous.get<{ paths: Record<string, unknown> }>('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain('/api/organization');
  });
});
