import * as entities from './store-entities';

export * from './store-entities';
export type { FolderChangeKind } from './folder-change.entity';

/** Every entity class of the store, for the DataSource (each one exported once, in store-entities.ts). */
export const STORE_ENTITIES = Object.values(entities);
