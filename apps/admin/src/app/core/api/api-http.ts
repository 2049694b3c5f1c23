import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Page } from '@estafette/contracts';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

/** Absolute path: the console lives under /admin/ but the API is /api on the same origin. */
const API_BASE = '/api';

/** Upper bound when a list endpoint pages and the console wants every item (topology lists are small). */
const MAX_PAGES = 50;

function toParams(query: Query | undefined): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

function isPage<T>(body: T[] | Page<T>): body is Page<T> {
  return !Array.isArray(body) && typeof body === 'object' && body !== null && Array.isArray(body.items);
}

/** The one place that talks HttpClient: JSON in, promises out. Feature code uses the *.api.ts services. */
@Injectable({ providedIn: 'root' })
export class ApiHttp {
  private readonly http = inject(HttpClient);

  get<T>(path: string, query?: Query): Promise<T> {
    return firstValueFrom(this.http.get<T>(API_BASE + path, { params: toParams(query) }));
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return firstValueFrom(this.http.post<T>(API_BASE + path, body));
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return firstValueFrom(this.http.patch<T>(API_BASE + path, body));
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return firstValueFrom(this.http.put<T>(API_BASE + path, body));
  }

  delete(path: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(API_BASE + path));
  }

  /** Every item of a list endpoint, whether it answers with an array or with cursor pages. */
  async list<T>(path: string, query?: Query): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body: T[] | Page<T> = await this.get<T[] | Page<T>>(path, cursor ? { ...query, cursor } : query);
      if (!isPage(body)) return body;
      items.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  /** One page of a cursor-paged endpoint. */
  async page<T>(path: string, query: Query): Promise<Page<T>> {
    const body = await this.get<T[] | Page<T>>(path, query);
    return isPage(body) ? body : { items: body, nextCursor: null };
  }
}
