import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImapSyntaxError } from '../parser/imap-value';
import { decodeMailboxName, encodeMailboxName, normaliseInbox } from './mailbox-name';

describe('mailbox names (RFC 3501 §5.1.3 modified UTF-7, RFC 6855 UTF-8)', () => {
  it('encodes the RFC 3501 example and "&"', () => {
    expect(encodeMailboxName('~peter/mail/台北/日本語')).toBe('~peter/mail/&U,BTFw-/&ZeVnLIqe-');
    expect(encodeMailboxName('Tom & Jerry')).toBe('Tom &- Jerry');
    expect(encodeMailboxName('Entwürfe')).toBe('Entw&APw-rfe');
    expect(encodeMailboxName('😀')).toBe('&2D3eAA-');
  });

  it('decodes what it encodes', () => {
    expect(decodeMailboxName('~peter/mail/&U,BTFw-/&ZeVnLIqe-')).toBe('~peter/mail/台北/日本語');
    expect(decodeMailboxName('Tom &- Jerry')).toBe('Tom & Jerry');
    expect(decodeMailboxName('&2D3eAA-')).toBe('😀');
  });

  it('refuses malformed modified UTF-7', () => {
    for (const bad of ['&', 'a&Jjo', '&AGE-', '&APw', '&A-', '&APx-', '&2D0-', 'tab\there', 'Grüße']) {
      expect(() => decodeMailboxName(bad), bad).toThrow(ImapSyntaxError);
    }
  });

  it('passes UTF-8 through when UTF8=ACCEPT is enabled', () => {
    expect(encodeMailboxName('Entwürfe', { utf8: true })).toBe('Entwürfe');
    expect(decodeMailboxName('Entwürfe', { utf8: true })).toBe('Entwürfe');
  });

  it('treats INBOX case-insensitively, and only INBOX itself', () => {
    expect(decodeMailboxName('inbox')).toBe('INBOX');
    expect(decodeMailboxName('InBoX', { utf8: true })).toBe('INBOX');
    expect(normaliseInbox('inboxes')).toBe('inboxes');
  });

  it('round-trips any Unicode name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        const wire = encodeMailboxName(name);
        expect(wire).toMatch(/^[\x20-\x7e]*$/);
        expect(decodeMailboxName(wire)).toBe(normaliseInbox(name));
      }),
    );
  });
});
