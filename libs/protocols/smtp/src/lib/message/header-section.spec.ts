import { describe, expect, it } from 'vitest';
import { findHeaderEnd, parseHeaderSection, removeFields } from './header-section';

describe('header section', () => {
  it('finds the empty line with CRLF or LF line ends, or says it has not come yet', () => {
    expect(findHeaderEnd(Buffer.from('A: 1\r\nB: 2\r\n\r\nbody'))).toEqual({ headerEnd: 12, bodyStart: 14 });
    expect(findHeaderEnd(Buffer.from('A: 1\n\nbody'))).toEqual({ headerEnd: 5, bodyStart: 6 });
    expect(findHeaderEnd(Buffer.from('\r\nbody'))).toEqual({ headerEnd: 0, bodyStart: 2 });
    expect(findHeaderEnd(Buffer.from('A: 1\r\nB: 2\r\n'))).toBeNull();
    expect(findHeaderEnd(Buffer.from('A: 1\r\n\r'))).toBeNull();
  });

  it('unfolds fields and counts them case-insensitively', () => {
    const section = parseHeaderSection('Received: a\r\n  b\r\nreceived: c\r\nSubject: x\r\nnot a field\r\n');
    expect(section.count('RECEIVED')).toBe(2);
    expect(section.values('received')).toEqual(['a  b', 'c']);
    expect(section.values('subject')).toEqual(['x']);
  });

  it('removes fields with their continuation lines, keeping the rest byte for byte', () => {
    const raw = Buffer.from('From: a\r\nSender: x\r\n y\r\nTo: b\r\nsender: z\r\n');
    expect(removeFields(raw, ['Sender']).toString()).toBe('From: a\r\nTo: b\r\n');
    expect(removeFields(raw, []).toString()).toBe(raw.toString());
  });
});
