import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './recipient-paging';

describe('recipient paging cursors', () => {
  it('round-trips names with any characters', () => {
    const cursor = { name: 'josé ñúñez & co/?', id: '0b6f6a9e-8d77-4b1e-a9a4-2f1d7a0c9e11' };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it('refuses tampered cursors with 400', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(/cursor is not valid/);
    expect(() => decodeCursor(Buffer.from('["a","not-a-uuid"]').toString('base64url'))).toThrow(/cursor is not valid/);
  });
});
