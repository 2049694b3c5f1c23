import { describe, expect, it } from 'vitest';
import { listPatternMatcher } from './list-pattern';

const NAMES = ['INBOX', 'INBOX/Sub', 'Projects', 'Projects/2026', 'Projects/2026/Q1', 'Sent', 'a.b', 'ab'];

function matching(reference: string, pattern: string): string[] {
  const matches = listPatternMatcher(reference, pattern);
  return NAMES.filter(matches);
}

describe('LIST patterns (RFC 3501 §6.3.8)', () => {
  it('"*" crosses the delimiter, "%" does not', () => {
    expect(matching('', '*')).toEqual(NAMES);
    expect(matching('', '%')).toEqual(['INBOX', 'Projects', 'Sent', 'a.b', 'ab']);
    expect(matching('', 'Projects/%')).toEqual(['Projects/2026']);
    expect(matching('', 'Projects/*')).toEqual(['Projects/2026', 'Projects/2026/Q1']);
    expect(matching('', '%/%/Q%')).toEqual(['Projects/2026/Q1']);
  });

  it('prefixes the reference and treats regular-expression characters literally', () => {
    expect(matching('Projects/', '%')).toEqual(['Projects/2026']);
    expect(matching('', 'a.b')).toEqual(['a.b']);
    expect(matching('', 'Sent')).toEqual(['Sent']);
    expect(matching('', 'sent')).toEqual([]);
  });

  it('matches INBOX case-insensitively, and only INBOX', () => {
    expect(matching('', 'inbox')).toEqual(['INBOX']);
    expect(matching('', 'Inbox/%')).toEqual(['INBOX/Sub']);
    expect(matching('', 'inbox*')).toEqual(['INBOX', 'INBOX/Sub']);
  });
});
