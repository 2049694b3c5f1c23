import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AddressListMembership } from '../address-lists/address-list-membership';
import { buildAddressBookQuery, type AddressBookPageRequest, type AddressBookRow } from './address-book.query';

@Injectable()
export class AddressBookRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findPage(membership: AddressListMembership, request: AddressBookPageRequest): Promise<AddressBookRow[]> {
    const query = buildAddressBookQuery(membership, request);
    if (!query) return [];
    return this.db.query<AddressBookRow[]>(query.sql, query.params);
  }
}
