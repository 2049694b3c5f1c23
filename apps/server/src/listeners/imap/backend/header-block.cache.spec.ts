import { describe, expect, it } from 'vitest';
import { HeaderBlockCache, headerEnd } from './header-block.cache';

describe('headerEnd', () => {
  it('finds the end of the blank line after the header, whatever the line ends', () => {
    expect(headerEnd(Buffer.from('A: 1\r\nB: 2\r\n\r\nbody'))).toBe(14);
    expect(headerEnd(Buffer.from('A: 1\nB: 2\n\nbody'))).toBe(11);
    expect(headerEnd(Buffer.from('A: 1\r\n\nbody'))).toBe(7);
    expect(headerEnd(Buffer.from('A: 1\n\r\nbody'))).toBe(7);
    expect(headerEnd(Buffer.from('A: 1\r\nB: 2\r\n'))).toBe(-1);
    expect(headerEnd(Buffer.from('A: 1\r\n\r'))).toBe(-1);
  });
});

describe('HeaderBlockCache', () => {
  const block = (n: number, fill = 0x61) => Buffer.alloc(n, fill);

  it('answers what it was given, as a copy that does not pin the buffer read', () => {
    const cache = new HeaderBlockCache(1000);
    const read = Buffer.from('Subject: x\r\n\r\nbody that stays out');
    cache.set('a', read.subarray(0, 14));
    read.fill(0x7a);
    expect(cache.get('a')?.toString()).toBe('Subject: x\r\n\r\n');
    expect(cache.get('b')).toBeUndefined();
  });

  it('keeps at most its bytes, dropping the least recently used first', () => {
    const cache = new HeaderBlockCache(640);
    for (let i = 0; i < 64; i++) cache.set(`k${i}`, block(10));
    expect(cache.size).toBe(64);
    cache.get('k0');
    cache.set('new', block(10));
    expect(cache.size).toBe(64);
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k0')?.length).toBe(10);
    expect(cache.get('new')?.length).toBe(10);
    // Setting a key again replaces its block and counts its bytes once.
    cache.set('new', block(5));
    cache.set('one-more', block(5));
    expect(cache.size).toBe(65);
    expect(cache.get('k2')?.length).toBe(10);
  });

  it('does not keep a block larger than a sixty-fourth of its room', () => {
    const cache = new HeaderBlockCache(6400);
    cache.set('big', block(101));
    expect(cache.get('big')).toBeUndefined();
    cache.set('ok', block(100));
    expect(cache.get('ok')?.length).toBe(100);
  });
});
