import { Injectable, inject } from '@angular/core';
import type {
  AddressBookEntryDto,
  AddressBookQuery,
  AddressListDto,
  CreateAddressListRequest,
  Page,
  UpdateAddressListRequest,
} from '@estafette/contracts';
import { ApiHttp } from './api-http';

export type EntryQuery = AddressBookQuery;

/** Address lists, their entries and the global address list. */
@Injectable({ providedIn: 'root' })
export class AddressBookApi {
  private readonly http = inject(ApiHttp);

  lists(): Promise<AddressListDto[]> {
    return this.http.list('/address-lists');
  }

  list(id: string): Promise<AddressListDto> {
    return this.http.get(`/address-lists/${encodeURIComponent(id)}`);
  }

  create(request: CreateAddressListRequest): Promise<AddressListDto> {
    return this.http.post('/address-lists', request);
  }

  update(id: string, changes: UpdateAddressListRequest): Promise<AddressListDto> {
    return this.http.patch(`/address-lists/${encodeURIComponent(id)}`, changes);
  }

  delete(id: string): Promise<unknown> {
    return this.http.delete(`/address-lists/${encodeURIComponent(id)}`);
  }

  entries(listId: string, query: EntryQuery): Promise<Page<AddressBookEntryDto>> {
    return this.http.page(`/address-lists/${encodeURIComponent(listId)}/entries`, { ...query });
  }

  globalAddressList(query: EntryQuery): Promise<Page<AddressBookEntryDto>> {
    return this.http.page('/address-book/gal', { ...query });
  }
}
