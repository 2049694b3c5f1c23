import type { Page, RecipientDto, RecipientKind, RecipientSummaryDto } from '@estafette/contracts';
import type { ApiClient } from '../api-client';
import { ApiError, CliError } from '../cli-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Bounds the walk through search results when looking for one alias. */
const PAGE_SIZE = 100;
const MAX_PAGES = 50;

export interface RecipientQuery {
  kind?: RecipientKind;
  search?: string;
  containerId?: string;
  cursor?: string;
  limit?: number;
}

const KIND_LABEL: Record<RecipientKind, string> = {
  user: 'user',
  contact: 'contact',
  group: 'group',
  'query-group': 'query-based group',
};

export function kindLabel(kind: RecipientKind | undefined): string {
  return kind ? KIND_LABEL[kind] : 'recipient';
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** GET /api/recipients: one page of summaries. */
export function listRecipients(api: ApiClient, query: RecipientQuery): Promise<Page<RecipientSummaryDto>> {
  return api.get<Page<RecipientSummaryDto>>('/api/recipients', { ...query });
}

export function getRecipient(api: ApiClient, id: string): Promise<RecipientDto> {
  return api.get<RecipientDto>(`/api/recipients/${encodeURIComponent(id)}`);
}

/** Walks the pages of a recipient search, following nextCursor, at most `maxPages` pages. */
export async function* recipientPages(api: ApiClient, query: RecipientQuery, maxPages: number): AsyncGenerator<Page<RecipientSummaryDto>> {
  let cursor = query.cursor;
  const seen = new Set<string>();
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await listRecipients(api, { ...query, cursor });
    yield page;
    // A cursor that comes back again would loop for ever.
    if (!page.nextCursor || seen.has(page.nextCursor)) return;
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

async function byId(api: ApiClient, id: string): Promise<RecipientDto | null> {
  try {
    return await getRecipient(api, id);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

/**
 * The recipient an argument names: an id, or an alias (any case). Groups may
 * also be named by their display name. Searches by prefix and keeps the exact match.
 */
export async function findRecipient(api: ApiClient, ref: string, kind?: RecipientKind): Promise<RecipientDto | null> {
  const wanted = ref.trim();
  if (isUuid(wanted)) {
    const found = await byId(api, wanted);
    if (found && kind && found.kind !== kind) {
      throw new CliError(`${wanted} is a ${kindLabel(found.kind)}, not a ${kindLabel(kind)}`);
    }
    return found;
  }
  const lower = wanted.toLowerCase();
  const byName: RecipientSummaryDto[] = [];
  for await (const page of recipientPages(api, { kind, search: wanted, limit: PAGE_SIZE }, MAX_PAGES)) {
    const exact = page.items.find((r) => r.alias.toLowerCase() === lower);
    if (exact) return getRecipient(api, exact.id);
    byName.push(...page.items.filter((r) => r.displayName.toLowerCase() === lower));
  }
  if (kind === 'group' || kind === 'query-group') {
    if (byName.length === 1) return getRecipient(api, byName[0].id);
    if (byName.length > 1) {
      throw new CliError(`${byName.length} groups are called "${wanted}": name one by its alias or id`);
    }
  }
  return null;
}

export async function requireRecipient(api: ApiClient, ref: string, kind?: RecipientKind): Promise<RecipientDto> {
  const found = await findRecipient(api, ref, kind);
  if (!found) throw new CliError(`no ${kindLabel(kind)} with alias or id "${ref}"`);
  return found;
}
