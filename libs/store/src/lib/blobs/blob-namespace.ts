/** The namespace of mail in transit (libs/transport). */
export const QUEUE_NAMESPACE = 'queue';

/** The namespace of an information store: every message of its mailboxes, once (single-instance storage). */
export function storeNamespace(informationStoreId: string): string {
  return `store-${informationStoreId}`;
}
