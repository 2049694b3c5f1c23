import { Injectable, NotFoundException } from '@nestjs/common';
import type { AddressBookEntryDto, AddressBookQuery, Page } from '@estafette/contracts';
import type { AddressListEntity } from '../../entities/address-list.entity';
import { membershipOf } from '../address-lists/address-list-membership';
import { AddressListRepository } from '../address-lists/address-list.repository';
import { decodeCursor, encodeCursor } from './address-book-cursor';
import { toAddressBookEntryDto } from './address-book-entry.mapper';
import { AddressBookRepository } from './address-book.repository';

export const ADDRESS_BOOK_DEFAULT_PAGE_SIZE = 100;
export const ADDRESS_BOOK_MAX_PAGE_SIZE = 1000;

/** Address book pages: the members of a list, by display name, in keyset pages. */
@Injectable()
export class AddressBookService {
  constructor(
    private readonly lists: AddressListRepository,
    private readonly entries: AddressBookRepository,
  ) {}

  async entriesOf(listId: string, query: AddressBookQuery): Promise<Page<AddressBookEntryDto>> {
    const list = await this.lists.findById(listId);
    if (!list) throw new NotFoundException(`address list ${listId} does not exist`);
    return this.page(list, query);
  }

  /** The Default Global Address List, the list Outlook and webmail open first. */
  async globalAddressList(query: AddressBookQuery): Promise<Page<AddressBookEntryDto>> {
    const list = await this.lists.findDefaultGlobal();
    if (!list) throw new NotFoundException('there is no global address list; the organisation has not been set up yet');
    return this.page(list, query);
  }

  private async page(list: AddressListEntity, query: AddressBookQuery): Promise<Page<AddressBookEntryDto>> {
    const limit = Math.min(Math.max(query.limit ?? ADDRESS_BOOK_DEFAULT_PAGE_SIZE, 1), ADDRESS_BOOK_MAX_PAGE_SIZE);
    const search = query.search?.trim() ? query.search.trim() : null;
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    // One row more than asked tells whether another page follows, without a count.
    const rows = await this.entries.findPage(membershipOf(list), { limit: limit + 1, after, search });
    const items = rows.slice(0, limit);
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    return {
      items: items.map(toAddressBookEntryDto),
      nextCursor: last ? encodeCursor({ key: last.sort_key, id: last.id }) : null,
    };
  }
}
