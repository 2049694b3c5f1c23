import { describe, expect, it } from 'vitest';
import { astring, imapString, list, nstring } from './imap-string';
import { statusResponse } from './status-response';

describe('IMAP string serialisers', () => {
  it('quotes safe text and escapes quote and backslash', () => {
    expect(imapString('Hello "World" \\o/')).toBe('"Hello \\"World\\" \\\\o/"');
  });

  it('sends a literal for CR/LF, and for 8-bit text unless UTF8=ACCEPT, counting bytes', () => {
    expect(imapString('a\r\nb')).toBe('{4}\r\na\r\nb');
    expect(imapString('Grüße')).toBe('{7}\r\nGrüße');
    expect(imapString('Grüße', { utf8: true })).toBe('"Grüße"');
  });

  it('uses NIL for null and bare atoms when safe', () => {
    expect(nstring(null)).toBe('NIL');
    expect(astring('INBOX')).toBe('INBOX');
    expect(astring('nil')).toBe('"nil"');
    expect(astring('My Folder')).toBe('"My Folder"');
    expect(list(['a', '"b"'])).toBe('(a "b")');
  });

  it('keeps response text on one line', () => {
    expect(statusResponse('a1', 'NO', 'bad\r\n* OK forged', 'CANNOT')).toBe('a1 NO [CANNOT] bad * OK forged');
  });
});
