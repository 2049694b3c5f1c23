import type { AddressBookEntryDto } from '@estafette/contracts';
import type { AddressBookRow } from './address-book.query';

export function toAddressBookEntryDto(row: AddressBookRow): AddressBookEntryDto {
  return {
    id: row.id,
    type: row.type as AddressBookEntryDto['type'],
    displayName: row.display_name,
    alias: row.alias ?? '',
    primarySmtpAddress: row.primary_smtp_address,
    title: row.title,
    department: row.department,
    company: row.company,
    office: row.office,
    telephone: row.telephone,
  };
}
