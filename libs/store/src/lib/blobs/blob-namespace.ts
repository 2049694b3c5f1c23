/** The namespace of mail in transit (libs/transport). */
export const QUEUE_NAMESPACE = 'queue';

/** The namespace of an information store: every message of its mailboxes, once (single-instance storage). */
export function storeNamespace(informationStoreId: string): string {
  return `store-${informationStoreId}`;
}

/** The information store whose namespace this is, or null (the queue's). */
export function storeOfNamespace(namespace: string): string | null {
  return namespace.startsWith('store-') ? namespace.slice('store-'.length) : null;
}
