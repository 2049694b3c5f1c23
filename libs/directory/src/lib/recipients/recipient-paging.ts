import { BadRequestException } from '@nestjs/common';

/** Position after the last entry of a page: its lower-cased display name and id (the sort key). */
export interface RecipientCursor {
  name: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients; base64url so it travels in a query string unescaped. */
export function encodeCursor(cursor: RecipientCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): RecipientCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      UUID.test(value[1])
    ) {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequestException('cursor is not valid; pass back the nextCursor of the previous page');
}
