import { describe, expect, it } from 'vitest';
import { envelopeResponse, headerText } from './envelope-response';

describe('ENVELOPE serialiser (RFC 3501 §7.4.2)', () => {
  it('writes NIL for missing fields and defaults sender and reply-to to from', () => {
    const from = [{ name: 'Ann "A"', adl: null, mailbox: 'ann', host: 'example.com' }];
    expect(
      envelopeResponse({
        date: null,
        subject: 'Hi',
        from,
        sender: null,
        replyTo: [],
        to: null,
        cc: null,
        bcc: null,
        inReplyTo: null,
        messageId: '<1@x>',
      }),
    ).toBe(
      '(NIL "Hi" (("Ann \\"A\\"" NIL "ann" "example.com")) (("Ann \\"A\\"" NIL "ann" "example.com")) ' +
        '(("Ann \\"A\\"" NIL "ann" "example.com")) NIL NIL NIL NIL "<1@x>")',
    );
  });

  it('encodes non-ASCII text as RFC 2047 words of bounded length, or UTF-8 under UTF8=ACCEPT', () => {
    expect(headerText('Grüße')).toBe('"=?utf-8?B?R3LDvMOfZQ==?="');
    expect(headerText('Grüße', { utf8: true })).toBe('"Grüße"');
    const long = headerText('ü'.repeat(60));
    expect(long.split(' ').every((w) => w.replace(/"/g, '').length <= 75)).toBe(true);
    expect(headerText(null)).toBe('NIL');
  });
});
