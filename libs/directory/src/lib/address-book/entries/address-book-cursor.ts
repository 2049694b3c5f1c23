import { BadRequestException } from '@nestjs/common';

/** Where a page ends in the address book order: lower-cased display name, then id. */
export interface AddressBookPosition {
  key: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: they hand back what they were given, so the format may change. */
export function encodeCursor(position: AddressBookPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): AddressBookPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      UUID.test(value[1])
    ) {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the 400 below: a cursor that is not ours is a client error.
  }
  throw new BadRequestException('cursor is not a cursor returned by this API');
}
