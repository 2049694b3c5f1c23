import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.factory';
import type { ServerConfig } from '../config/server-config';
import { ListenerRegistry } from '../listeners/listener-registry';
import { createTestDatabase, testConfig } from './test-database';

export const TEST_ADMIN_PASSWORD = 'Admin-Passw0rd!';

export interface TestServer {
  app: INestApplication;
  baseUrl: string;
  config: ServerConfig;
  /** Ports the listeners are bound to, by name ('smtp', 'submission', 'smtps', '<virtual server>/<role>'); live. */
  ports: Readonly<Record<string, number>>;
  /** Signs in and returns a client that sends the bearer token. */
  login(username?: string, password?: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny JSON client over fetch, as the CLI and the console talk to the API. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | null,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

/**
 * Boots the whole server (real database: in-memory PGlite, or a fresh
 * PostgreSQL database when DATABASE_URL is set) on an ephemeral HTTP port.
 */
export async function startTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config = testConfig(database, overrides);
  const app = await createApp(config, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const listeners = app.get(ListenerRegistry);
  await listeners.ready();
  return {
    app,
    baseUrl,
    config,
    ports: listeners.ports(),
    async login(username = 'administrator', password = TEST_ADMIN_PASSWORD) {
      const res = await new ApiClient(baseUrl, null).post<{ token: string }>('/api/auth/token', { username, password });
      if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return new ApiClient(baseUrl, res.body.token);
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
