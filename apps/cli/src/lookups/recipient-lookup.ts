import type { Page, RecipientDto, RecipientKind, RecipientSummaryDto } from '@estafette/contracts';
import type { ApiClient } from '../api-client';
import { ApiError, CliError } from '../cli-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Bounds the walk through prefix matches when looking for one alias: 25,000 matches, the server's largest pages. */
const PAGE_SIZE = 500;
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
export async function* recipientPages(
  api: ApiClient,
  query: RecipientQuery,
  maxPages: number,
): AsyncGenerator<Page<RecipientSummaryDto>> {
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

function describeKinds(kinds: readonly RecipientKind[]): string {
  return kinds.length === 0 ? kindLabel(undefined) : kinds.map(kindLabel).join(' or ');
}

/**
 * The recipient an argument names: an id, or an alias (any case). Groups may
 * also be named by their display name. Searches by prefix and keeps the exact
 * match. `kind` limits the answer to one kind or a few (any kind when absent).
 */
export async function findRecipient(
  api: ApiClient,
  ref: string,
  kind?: RecipientKind | readonly RecipientKind[],
): Promise<RecipientDto | null> {
  const kinds: readonly RecipientKind[] = kind === undefined ? [] : typeof kind === 'string' ? [kind] : kind;
  const accepts = (k: RecipientKind): boolean => kinds.length === 0 || kinds.includes(k);
  const wanted = ref.trim();
  if (isUuid(wanted)) {
    const found = await byId(api, wanted);
    if (found && !accepts(found.kind)) {
      throw new CliError(`${wanted} is a ${kindLabel(found.kind)}, not a ${describeKinds(kinds)}`);
    }
    return found;
  }
  const lower = wanted.toLowerCase();
  const byName: RecipientSummaryDto[] = [];
  const query: RecipientQuery = { kind: kinds.length === 1 ? kinds[0] : undefined, search: wanted, limit: PAGE_SIZE };
  for await (const page of recipientPages(api, query, MAX_PAGES)) {
    const candidates = page.items.filter((r) => accepts(r.kind));
    const exact = candidates.find((r) => r.alias.toLowerCase() === lower);
    if (exact) return getRecipient(api, exact.id);
    byName.push(
      ...candidates.filter(
        (r) => (r.kind === 'group' || r.kind === 'query-group') && r.displayName.toLowerCase() === lower,
      ),
    );
  }
  if (byName.length === 1) return getRecipient(api, byName[0].id);
  if (byName.length > 1) {
    throw new CliError(`${byName.length} groups are called "${wanted}": name one by its alias or id`);
  }
  return null;
}

export async function requireRecipient(
  api: ApiClient,
  ref: string,
  kind?: RecipientKind | readonly RecipientKind[],
): Promise<RecipientDto> {
  const found = await findRecipient(api, ref, kind);
  if (!found)
    throw new CliError(
      `no ${describeKinds(typeof kind === 'string' ? [kind] : (kind ?? []))} with alias or id "${ref}"`,
    );
  return found;
}
