import { describe, expect, it } from 'vitest';
import { parseAddress, parsePath } from './smtp-path-parser';

describe('parseAddress (RFC 5321 Mailbox)', () => {
  it('parses dot-strings, quoted strings and address literals', () => {
    expect(parseAddress('john.doe@example.com')).toMatchObject({
      ok: true,
      value: { address: 'john.doe@example.com' },
    });
    expect(parseAddress('"john doe"@example.com')).toMatchObject({ ok: true, value: { localPart: 'john doe' } });
    expect(parseAddress('postmaster@[IPv6:2001:db8::1]')).toMatchObject({ ok: true, value: { domainType: 'ipv6' } });
    expect(parseAddress('用户@例子.广告')).toMatchObject({ ok: true, value: { isInternational: true } });
  });

  it.each([
    ['', 'Expected an address'],
    ['john', "Missing '@'"],
    ['<john@example.com>', 'use parsePath'],
    ['john @example.com', 'White space'],
    ['john(c)@example.com', 'comments are not allowed'],
    ['"john".doe@example.com', 'quoted local part must be the whole local part'],
    ['john@example.com extra', 'White space'],
    ['john@example.com>', "Unexpected '>'"],
    [`${'a'.repeat(65)}@example.com`, 'exceeds 64 octets'],
  ])('rejects %j', (input, message) => {
    const result = parseAddress(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.toLowerCase()).toContain(message.toLowerCase());
  });

  it('accepts a 64-octet local part and a 254-octet address', () => {
    const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    const address = `${'a'.repeat(64)}@${domain}`;
    expect(Buffer.byteLength(address)).toBe(254);
    expect(parseAddress(address).ok).toBe(true);
    expect(parseAddress(`a${address}`).ok).toBe(false);
  });
});

describe('parsePath (RFC 5321 Reverse-path / Forward-path)', () => {
  it('returns null for the null path', () => {
    expect(parsePath('<>')).toEqual({ ok: true, value: null });
  });

  it('parses bracketed and bare mailboxes', () => {
    expect(parsePath('<john@example.com>')).toMatchObject({ ok: true, value: { address: 'john@example.com' } });
    expect(parsePath('john@example.com')).toMatchObject({ ok: true, value: { address: 'john@example.com' } });
  });

  it('drops a source route', () => {
    expect(parsePath('<@relay.example,@[10.0.0.1]:john@example.com>')).toMatchObject({
      ok: true,
      value: { address: 'john@example.com' },
    });
  });

  it('enforces 256 octets for the whole path', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(parsePath(`<${address}>`).ok).toBe(true);
    const route = parsePath(`<@relay.example:${address}>`);
    expect(route).toMatchObject({ ok: false, error: { message: expect.stringContaining('Path exceeds 256 octets') } });
    expect(parsePath(`<${'x'.repeat(300)}@example.com>`).ok).toBe(false);
  });

  it.each([
    ['', 'Path is empty'],
    ['<', 'Expected an address'],
    ['<john@example.com', "missing '>'"],
    ['<john@example.com> x', 'White space'],
    ['<<>>', 'Expected an address'],
    ['<@relay.example john@example.com>', 'White space'],
    ['<@relay.example;john@example.com>', "Expected ':' after source route"],
  ])('rejects %j', (input, message) => {
    const result = parsePath(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.toLowerCase()).toContain(message.toLowerCase());
  });
});
