import { describe, expect, it } from 'vitest';
import { preferOwnEnhancedCodes } from './own-enhanced-codes';
import { reject, replyText, smtpReply } from './smtp-reply';

describe('SMTP replies', () => {
  it('checks that the enhanced code fits the reply code (RFC 3463 §2)', () => {
    expect(smtpReply(550, '5.1.1', 'unknown')).toEqual({ code: 550, enhanced: '5.1.1', text: 'unknown' });
    expect(() => smtpReply(550, '4.1.1', 'x')).toThrow(/does not fit/);
    expect(() => smtpReply(550, '5.1', 'x')).toThrow();
    expect(() => smtpReply(99, '5.1.1', 'x')).toThrow();
  });

  it('keeps a reply on one line', () => {
    expect(reject(554, '5.7.1', 'a\r\n250 fake').reply.text).toBe('a 250 fake');
  });

  it('tells smtp-server to add no enhanced code of its own when the text brings one', () => {
    const sent: Array<[number, unknown, unknown]> = [];
    const writer = {
      send: (code: number, data?: string | string[], context?: string | false) => void sent.push([code, data, context]),
    };
    preferOwnEnhancedCodes(writer);
    writer.send(554, replyText(smtpReply(554, '5.7.1', 'Relay access denied')));
    writer.send(250, 'Accepted', 'RCPT_TO_OK');
    writer.send(538, 'Error: Must issue a STARTTLS command first');
    expect(sent).toEqual([
      [554, '5.7.1 Relay access denied', false],
      [250, 'Accepted', 'RCPT_TO_OK'],
      [538, '5.7.11 Encryption required for requested authentication mechanism: use STARTTLS first', false],
    ]);
  });
});
