// A minimal JSON client for the benchmark, with a timeout on every request.

const REQUEST_TIMEOUT_MS = 60_000;

export class BenchApi {
  constructor(baseUrl, token = null) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  async request(method, path, body) {
    const headers = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const message = parsed && typeof parsed.message === 'string' ? parsed.message : text.slice(0, 200);
      throw new Error(`${method} ${path} answered ${res.status}: ${message}`);
    }
    return parsed;
  }

  /** Runs the request and returns [milliseconds, body]. */
  async timed(method, path, body) {
    const start = performance.now();
    const result = await this.request(method, path, body);
    return [performance.now() - start, result];
  }
}
