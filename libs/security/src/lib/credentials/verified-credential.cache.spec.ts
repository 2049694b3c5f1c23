import { describe, expect, it } from 'vitest';
import { VerifiedCredentialCache } from './verified-credential.cache';

describe('VerifiedCredentialCache', () => {
  function cache(ttlMs = 60_000, maxEntries = 100) {
    const c = new VerifiedCredentialCache();
    let now = 1_000;
    c.now = () => now;
    c.limits = { ttlMs, maxEntries };
    return { c, advance: (ms: number) => (now += ms) };
  }

  it('matches the same account, password and stored hash only', () => {
    const { c } = cache();
    c.remember('a', 'pw', 'hash1');
    expect(c.matches('a', 'pw', 'hash1')).toBe(true);
    expect(c.matches('a', 'other', 'hash1')).toBe(false);
    expect(c.matches('b', 'pw', 'hash1')).toBe(false);
    // A new stored hash (the password changed, maybe on another server process) ends the entry.
    expect(c.matches('a', 'pw', 'hash2')).toBe(false);
    expect(c.matches('a', 'pw', 'hash1')).toBe(false);
  });

  it('forgets after the lifetime', () => {
    const { c, advance } = cache(60_000);
    c.remember('a', 'pw', 'h');
    advance(59_999);
    expect(c.matches('a', 'pw', 'h')).toBe(true);
    advance(1);
    expect(c.matches('a', 'pw', 'h')).toBe(false);
  });

  it('stays bounded, dropping the least recently used', () => {
    const { c } = cache(60_000, 2);
    c.remember('a', 'pw', 'h');
    c.remember('b', 'pw', 'h');
    expect(c.matches('a', 'pw', 'h')).toBe(true);
    c.remember('c', 'pw', 'h');
    expect(c.size).toBe(2);
    expect(c.matches('b', 'pw', 'h')).toBe(false);
    expect(c.matches('a', 'pw', 'h')).toBe(true);
    expect(c.matches('c', 'pw', 'h')).toBe(true);
  });

  it('forget(account) drops every entry of that account only', () => {
    const { c } = cache();
    c.remember('a', 'pw1', 'h');
    c.remember('a', 'pw2', 'h');
    c.remember('b', 'pw1', 'h');
    c.forget('a');
    expect(c.matches('a', 'pw1', 'h')).toBe(false);
    expect(c.matches('a', 'pw2', 'h')).toBe(false);
    expect(c.matches('b', 'pw1', 'h')).toBe(true);
  });

  it('keeps no password in its keys', () => {
    const { c } = cache();
    c.remember('a', 'correct horse', 'h');
    const keys = [...(c as unknown as { entries: Map<string, unknown> }).entries.keys()];
    expect(keys.join()).not.toContain('correct horse');
  });

  it('caches nothing with a zero lifetime', () => {
    const { c } = cache(0);
    c.remember('a', 'pw', 'h');
    expect(c.matches('a', 'pw', 'h')).toBe(false);
  });
});
