import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, normaliseServerUrl } from './api-client';
import { ExitCode } from './cli-error';

/** A real HTTP server on a loopback port whose answers each test chooses. */
let server: Server;
let baseUrl: string;
let reply: { status: number; body: string; contentType?: string } = { status: 200, body: '{}' };
let lastRequest: { method?: string; url?: string; authorization?: string; body: string } = { body: '' };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      lastRequest = { method: req.method, url: req.url, authorization: req.headers.authorization, body };
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('ApiClient', () => {
  it('sends the bearer token, JSON bodies and query parameters, skipping empty ones', async () => {
    reply = { status: 200, body: '{"ok":true}' };
    const api = new ApiClient(baseUrl, 'tok');
    await expect(
      api.request('PATCH', '/api/x', { query: { a: 'b c', n: 2, empty: '', none: undefined }, body: { v: 1 } }),
    ).resolves.toEqual({ ok: true });
    expect(lastRequest).toEqual({
      method: 'PATCH',
      url: '/api/x?a=b+c&n=2',
      authorization: 'Bearer tok',
      body: '{"v":1}',
    });
  });

  it('turns an API error body into a readable message', async () => {
    reply = {
      status: 409,
      body: JSON.stringify({ statusCode: 409, error: 'Conflict', message: 'alias bob is taken' }),
    };
    await expect(new ApiClient(baseUrl).get('/api/y')).rejects.toMatchObject({
      status: 409,
      message: 'alias bob is taken',
      exitCode: ExitCode.failure,
    });
  });

  it('answers 401 with a hint to sign in', async () => {
    reply = { status: 401, body: JSON.stringify({ statusCode: 401, message: 'sign in first' }) };
    await expect(new ApiClient(baseUrl, 'expired').get('/api/y')).rejects.toMatchObject({
      message: 'not signed in: run estafette login',
      exitCode: ExitCode.auth,
    });
  });

  it('reports a wrong password at sign-in as such', async () => {
    reply = { status: 401, body: JSON.stringify({ statusCode: 401, message: 'Unauthorized' }) };
    await expect(new ApiClient(baseUrl).issueToken('bob', 'nope')).rejects.toMatchObject({
      message: 'sign-in as bob failed: wrong user name or password',
      exitCode: ExitCode.auth,
    });
  });

  it('refuses a successful answer that is not JSON (not an Estafette server)', async () => {
    reply = { status: 200, body: '<html>hello</html>', contentType: 'text/html' };
    await expect(new ApiClient(baseUrl).get('/api/z')).rejects.toThrow(
      /something other than JSON: is it an Estafette server/,
    );
  });

  it('says the server cannot be reached when nothing listens', async () => {
    const url = await closedPortUrl();
    await expect(new ApiClient(url).get('/api/organization')).rejects.toMatchObject({
      message: `cannot reach the Estafette server at ${url}: is it running?`,
      exitCode: ExitCode.unreachable,
    });
  });

  it('gives up on a server that does not answer in time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await expect(new ApiClient(url, null, fetch, 200).get('/api/organization')).rejects.toMatchObject({
        message: `the Estafette server at ${url} did not answer within 0.2 s`,
        exitCode: ExitCode.unreachable,
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('normaliseServerUrl', () => {
  it('drops trailing slashes and refuses what is not an http URL', () => {
    expect(normaliseServerUrl('http://localhost:8080/')).toBe('http://localhost:8080');
    expect(normaliseServerUrl(' https://mail.example.com ')).toBe('https://mail.example.com');
    expect(() => normaliseServerUrl('localhost:8080')).toThrow(/not an http or https URL/);
    expect(() => normaliseServerUrl('not a url')).toThrow(/not a valid server URL/);
  });
});
