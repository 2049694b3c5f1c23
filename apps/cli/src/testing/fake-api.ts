import type { RecipientDto, RecipientSummaryDto } from '@estafette/contracts';
import type { FetchFn } from '../api-client';
import { runCli } from '../cli';
import type { CliRuntime } from '../cli-runtime';
import { tempDir } from './temp-dir';

/** A request the fake server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | null;
}

export interface FakeReply {
  status?: number;
  body?: unknown;
}

type Handler = (request: RecordedRequest, params: string[]) => FakeReply;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/**
 * An in-memory stand-in for the REST API, for specs of argument parsing and
 * output: routes by method and path, records every request. The end-to-end
 * spec runs the CLI against the real server instead.
 */
export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];

  /** Answers matching requests with what `handler` returns (a later route overrides an earlier one); a RegExp's groups become `params`. */
  on(method: string, path: string | RegExp, handler: Handler): this {
    const pattern = typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path;
    this.routes.push({ method, pattern, handler });
    return this;
  }

  /** Answers matching requests with `body` (status 200). */
  json(method: string, path: string | RegExp, body: unknown): this {
    return this.on(method, path, () => ({ body }));
  }

  /** Requests other than the sign-in and sign-out around every command. */
  calls(): RecordedRequest[] {
    return this.requests.filter((r) => !r.path.startsWith('/api/auth/'));
  }

  readonly fetch: FetchFn = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers = new Headers(init?.headers);
    const request: RecordedRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      authorization: headers.get('authorization'),
    };
    this.requests.push(request);
    for (const route of [...this.routes].reverse()) {
      const match = route.method === request.method ? route.pattern.exec(request.path) : null;
      if (!match) continue;
      const reply = route.handler(request, match.slice(1));
      const status = reply.status ?? 200;
      const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
      return new Response(status === 204 ? null : text, { status, headers: { 'content-type': 'application/json' } });
    }
    return new Response(
      JSON.stringify({ statusCode: 404, error: 'Not Found', message: `Cannot ${request.method} ${request.path}` }),
      {
        status: 404,
      },
    );
  };
}

export interface TestRuntime {
  runtime: CliRuntime;
  stdout(): string;
  stderr(): string;
  homeDir: string;
}

/** A runtime with captured output, a fresh home directory, and the fake API (or real fetch). */
export function testRuntime(fetchFn: FetchFn, env: Record<string, string | undefined> = {}): TestRuntime {
  const homeDir = tempDir('home-');
  let out = '';
  let err = '';
  return {
    homeDir,
    runtime: {
      version: '0.0.0-test',
      env: { ESTAFETTE_URL: 'http://estafette.test', ...env },
      homeDir,
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        err += text;
      },
      fetch: fetchFn,
    },
    stdout: () => out,
    stderr: () => err,
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command line in-process against the fake API, signed in with ESTAFETTE_USER/ESTAFETTE_PASSWORD. */
export async function runAgainst(
  api: FakeApi,
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  const t = testRuntime(api.fetch, { ESTAFETTE_USER: 'administrator', ESTAFETTE_PASSWORD: 'secret', ...env });
  const code = await runCli(argv, t.runtime);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

/** A FakeApi that issues tokens and accepts sign-outs, as the real server does. */
export function signedInApi(): FakeApi {
  return new FakeApi()
    .on('POST', '/api/auth/token', (req) => {
      const body = req.body as { username: string; password: string };
      return body.password === 'secret' || body.password === 'admin-pass'
        ? { body: { token: `token-of-${body.username}`, expiresAt: '2030-01-01T00:00:00.000Z' } }
        : { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' } };
    })
    .on('POST', '/api/auth/logout', () => ({ status: 204 }));
}

/**
 * A FakeApi with a small directory: prefix search over alias and display
 * name, kind filter and numeric cursors `pageSize` at a time, get by id.
 */
export function directoryApi(recipients: RecipientDto[], pageSize = 2): FakeApi {
  return signedInApi()
    .on('GET', '/api/recipients', (req) => {
      const search = (req.query['search'] ?? '').toLowerCase();
      const matching = recipients.filter(
        (r) =>
          (!req.query['kind'] || r.kind === req.query['kind']) &&
          (!req.query['containerId'] || r.containerId === req.query['containerId']) &&
          (r.alias.toLowerCase().startsWith(search) || r.displayName.toLowerCase().startsWith(search)),
      );
      const start = Number(req.query['cursor'] ?? 0);
      const items: RecipientSummaryDto[] = matching.slice(start, start + pageSize).map((r) => ({
        id: r.id,
        kind: r.kind,
        alias: r.alias,
        displayName: r.displayName,
        primarySmtpAddress: r.primarySmtpAddress,
        containerId: r.containerId,
        hiddenFromAddressLists: r.hiddenFromAddressLists,
      }));
      return { body: { items, nextCursor: start + pageSize < matching.length ? String(start + pageSize) : null } };
    })
    .on('GET', /^\/api\/recipients\/([^/]+)$/, (_req, [id]) => {
      const found = recipients.find((r) => r.id === id);
      return found ? { body: found } : { status: 404, body: { statusCode: 404, message: 'recipient not found' } };
    });
}
