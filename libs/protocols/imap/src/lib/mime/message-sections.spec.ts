import { describe, expect, it } from 'vitest';
import type { BodySection } from '../backend/imap-backend';
import { MULTIPART_MESSAGE, PLAIN_MESSAGE } from '../../testing/sample-messages';
import { extractSection } from './message-sections';

const multi = Buffer.from(MULTIPART_MESSAGE);
const plain = Buffer.from(PLAIN_MESSAGE);

function text(raw: Buffer, part: number[], specifier: BodySection['specifier'] = 'ALL', extra = {}): string {
  return extractSection(raw, { part, specifier, ...extra }).toString('utf8');
}

describe('extractSection (RFC 3501 §6.4.5 section-spec)', () => {
  it('serves the whole message, its header, TEXT and partial ranges', () => {
    expect(text(multi, [])).toBe(MULTIPART_MESSAGE);
    expect(text(plain, [], 'HEADER')).toBe(PLAIN_MESSAGE.slice(0, PLAIN_MESSAGE.indexOf('\r\n\r\n') + 4));
    expect(text(plain, [], 'TEXT')).toBe('Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n');
    expect(text(multi, [], 'TEXT', { partial: { offset: 0, length: 8 } })).toBe('preamble');
    expect(text(multi, [], 'TEXT', { partial: { offset: 100000, length: 8 } })).toBe('');
  });

  it('filters header fields in message order, case-insensitively, ending with the blank line', () => {
    expect(text(multi, [], 'HEADER.FIELDS', { fields: ['subject', 'TO'] })).toBe(
      'To: alice@example.com, Bob <bob@example.com>\r\nSubject: Forwarded report\r\n\r\n',
    );
    const not = text(plain, [], 'HEADER.FIELDS.NOT', { fields: ['Date', 'From', 'To', 'Message-Id', 'MIME-Version'] });
    expect(not).toBe('Subject: afternoon meeting\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n');
  });

  it('walks multiparts and message/rfc822 parts by part number', () => {
    expect(text(multi, [1])).toBe('See the attached report.');
    expect(text(multi, [1], 'MIME')).toBe(
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
    );
    expect(text(multi, [2])).toMatch(/^From: reports@example\.net\r\n[\s\S]*--inner--\r\n$/);
    expect(text(multi, [2], 'HEADER')).toBe(
      'From: reports@example.net\r\nSubject: Weekly report\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n',
    );
    expect(text(multi, [2], 'TEXT')).toMatch(/^--inner\r\n[\s\S]*--inner--\r\n$/);
    expect(text(multi, [2, 1])).toBe('Numbers are up.');
    expect(text(multi, [2, 2])).toBe('<p>Numbers are up.</p>');
    expect(text(multi, [2, 2], 'MIME')).toBe('Content-Type: text/html\r\nContent-Language: en\r\n\r\n');
    expect(text(multi, [2, 1, 'HEADER'.length])).toBe('');
  });

  it('treats a non-multipart message as its own part 1 and answers missing parts with nothing', () => {
    expect(text(plain, [1])).toBe('Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n');
    expect(text(plain, [2])).toBe('');
    expect(text(multi, [3])).toBe('');
    expect(text(multi, [1], 'HEADER')).toBe('');
    expect(text(plain, [], 'MIME')).toBe('');
  });

  it('copes with LF-only messages and messages without a body', () => {
    const lf = Buffer.from('Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n--b--\n');
    expect(text(lf, [2])).toBe('two');
    expect(text(Buffer.from('Subject: only\r\n'), [], 'TEXT')).toBe('');
  });
});
