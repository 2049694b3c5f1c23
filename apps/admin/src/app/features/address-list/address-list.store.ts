import { Injectable, inject, signal } from '@angular/core';
import type {
  AddressBookEntryDto,
  AddressListDto,
  CreateAddressListRequest,
  UpdateAddressListRequest,
} from '@estafette/contracts';
import { AddressBookApi } from '../../core/api/address-book.api';
import { DirectoryEvents } from '../../core/events/directory-events';
import { Editable } from '../../shared/data/editable';

const PREVIEW_SIZE = 25;

/** One address list: name and filter, and a preview of who is in it. */
@Injectable()
export class AddressListStore {
  private readonly api = inject(AddressBookApi);
  private readonly events = inject(DirectoryEvents);
  readonly list = new Editable<AddressListDto>();
  readonly preview = signal<AddressBookEntryDto[] | null>(null);
  readonly previewMore = signal(false);

  load(id: string): Promise<AddressListDto | null> {
    return this.list.load(() => this.api.list(id));
  }

  async loadPreview(id: string): Promise<void> {
    try {
      const page = await this.api.entries(id, { limit: PREVIEW_SIZE });
      this.preview.set(page.items);
      this.previewMore.set(page.nextCursor !== null);
    } catch {
      this.preview.set([]);
    }
  }

  async create(request: CreateAddressListRequest): Promise<AddressListDto | null> {
    const saved = await this.list.save(() => this.api.create(request));
    const created = this.list.value();
    if (saved && created) this.events.emit({ type: 'address-list', id: created.id, action: 'create' });
    return saved ? created : null;
  }

  async save(id: string, changes: UpdateAddressListRequest): Promise<boolean> {
    const saved = await this.list.save(() => this.api.update(id, changes));
    if (saved) this.events.emit({ type: 'address-list', id, action: 'update' });
    return saved;
  }
}
