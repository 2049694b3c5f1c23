import type { ApiTokenResponse } from '@estafette/contracts';
import { ApiError, CliError, describeApiError, ExitCode } from './cli-error';

export type FetchFn = typeof fetch;

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
}

/** Long enough for a policy applied to a large organisation, short enough that a hung server does not hang a script. */
const DEFAULT_TIMEOUT_MS = 120_000;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The error code undici puts on the `cause` of a failed fetch (ECONNREFUSED…). */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Checks and normalises a server URL given on the command line, in the environment or in the credentials file. */
export function normaliseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new CliError(`"${raw}" is not a valid server URL (example: http://localhost:8080)`, ExitCode.usage);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`"${raw}" is not an http or https URL`, ExitCode.usage);
  }
  return url.toString().replace(/\/+$/, '');
}

/** A small JSON client for the Estafette REST API: bearer token, readable errors, nothing else. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | null = null,
    private readonly fetchFn: FetchFn = fetch,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  /** The same server with another token. */
  withToken(token: string | null): ApiClient {
    return new ApiClient(this.baseUrl, token, this.fetchFn, this.timeoutMs);
  }

  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** POST /api/auth/token; a refusal means a wrong user name or password, not a missing sign-in. */
  async issueToken(username: string, password: string): Promise<ApiTokenResponse> {
    try {
      return await this.withToken(null).post<ApiTokenResponse>('/api/auth/token', { username, password });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw new CliError(`sign-in as ${username} failed: wrong user name or password`, ExitCode.auth);
      }
      if (error instanceof ApiError && error.status === 429) {
        throw new CliError(`sign-in as ${username} refused: ${error.message}`, ExitCode.auth);
      }
      throw error;
    }
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = this.url(path, options.query);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw this.transportError(error);
    }
    const text = await res.text();
    const body = parseBody(text);
    if (res.ok) {
      if (typeof body === 'string') {
        throw new CliError(
          `${this.baseUrl} answered ${method} ${path} with something other than JSON: is it an Estafette server?`,
        );
      }
      return body as T;
    }
    if (res.status === 401) {
      throw new ApiError(401, body, 'not signed in: run estafette login');
    }
    throw new ApiError(res.status, body, describeApiError(res.status, res.statusText, body));
  }

  private url(path: string, query?: Record<string, QueryValue>): string {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private transportError(error: unknown): CliError {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return new CliError(
        `the Estafette server at ${this.baseUrl} did not answer within ${this.timeoutMs / 1000} s`,
        ExitCode.unreachable,
      );
    }
    const code = networkCode(error);
    if (code === 'ECONNREFUSED') {
      return new CliError(`cannot reach the Estafette server at ${this.baseUrl}: is it running?`, ExitCode.unreachable);
    }
    if (code !== undefined && NETWORK_CODES.has(code)) {
      return new CliError(
        `cannot reach the Estafette server at ${this.baseUrl} (${code}): is it running?`,
        ExitCode.unreachable,
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return new CliError(
      `request to ${this.baseUrl} failed: ${message}${code ? ` (${code})` : ''}`,
      ExitCode.unreachable,
    );
  }
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
