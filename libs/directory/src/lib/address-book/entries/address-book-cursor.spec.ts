import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './address-book-cursor';

describe('address book cursor', () => {
  const position = { key: "o'brien, zoë", id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' };

  it('round-trips a position', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('refuses anything else with 400', () => {
    for (const bad of [
      '',
      'not-base64!',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["a","x"]').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(BadRequestException);
    }
  });
});
