import type { InformationStoreDto, RecipientContainerDto, StoreKind } from '@estafette/contracts';
import type { ApiClient } from '../api-client';
import { pickByNameOrId } from './named-lookup';

/** GET /api/stores (all information stores, or one kind). */
export function listStores(api: ApiClient, kind?: StoreKind): Promise<InformationStoreDto[]> {
  return api.get<InformationStoreDto[]>('/api/stores', { kind });
}

/** GET /api/recipient-containers: the organisational units recipients live in. */
export function listContainers(api: ApiClient): Promise<RecipientContainerDto[]> {
  return api.get<RecipientContainerDto[]>('/api/recipient-containers');
}

export async function resolveMailboxStore(api: ApiClient, ref: string): Promise<InformationStoreDto> {
  return pickByNameOrId(await listStores(api, 'mailbox'), ref, 'mailbox store', 'estafette store list');
}

export async function resolveContainer(api: ApiClient, ref: string): Promise<RecipientContainerDto> {
  return pickByNameOrId(await listContainers(api), ref, 'recipient container', 'estafette ou list');
}
