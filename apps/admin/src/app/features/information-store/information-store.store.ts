import { Injectable, inject, signal } from '@angular/core';
import type { InformationStoreDto, StorageGroupDto, UpdateInformationStoreRequest } from '@estafette/contracts';
import { toApiProblem } from '../../core/api/api-problem';
import { TopologyApi } from '../../core/api/topology.api';
import { DirectoryEvents } from '../../core/events/directory-events';
import { Editable } from '../../shared/data/editable';

/** One mailbox or public folder store: limits, retention, mount state. */
@Injectable()
export class InformationStoreStore {
  private readonly api = inject(TopologyApi);
  private readonly events = inject(DirectoryEvents);
  readonly store = new Editable<InformationStoreDto>();
  readonly storageGroup = signal<StorageGroupDto | null>(null);

  async load(id: string): Promise<InformationStoreDto | null> {
    const store = await this.store.load(() => this.api.store(id));
    if (store) {
      this.api.storageGroup(store.storageGroupId).then(
        (group) => this.storageGroup.set(group),
        () => this.storageGroup.set(null),
      );
    }
    return store;
  }

  async save(id: string, changes: UpdateInformationStoreRequest): Promise<boolean> {
    const saved = await this.store.save(() => this.api.updateStore(id, changes));
    if (saved) this.events.emit({ type: 'store', id, action: 'update' });
    return saved;
  }

  /** Mount or dismount; the answer is the store with its new state. */
  async setMounted(id: string, mounted: boolean): Promise<boolean> {
    this.store.busy.set(true);
    this.store.problem.set(null);
    try {
      const updated = await (mounted ? this.api.mountStore(id) : this.api.dismountStore(id));
      // Keep edits of other fields: only the state changes.
      this.store.value.update((current) => (current ? { ...current, mounted: updated.mounted } : updated));
      this.events.emit({ type: 'store', id, action: 'update' });
      return true;
    } catch (error: unknown) {
      this.store.problem.set(toApiProblem(error));
      return false;
    } finally {
      this.store.busy.set(false);
    }
  }
}
