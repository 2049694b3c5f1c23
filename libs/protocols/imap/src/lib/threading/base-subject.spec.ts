import { describe, expect, it } from 'vitest';
import { baseSubjectKey, extractBaseSubject } from './base-subject';

describe('base subject (RFC 5256 §2.1)', () => {
  it.each([
    ['Re: hello', 'hello', true],
    ['RE: Re: re:hello', 'hello', true],
    ['Fwd: Re: [list] hello', 'hello', true],
    ['fw: hello (fwd)', 'hello', true],
    ['Re [2]: hello', 'hello', true],
    ['[list] Re: hello  ', 'hello', true],
    ['[Fwd: Re: hello]', 'hello', true],
    ['[list] hello', 'hello', false],
    ['[only a blob]', '[only a blob]', false],
    ['  spaced \t out  ', 'spaced out', false],
    ['Regarding: hello', 'Regarding: hello', false],
    ['', '', false],
  ])('%j -> %j', (input, subject, marked) => {
    expect(extractBaseSubject(input)).toEqual({ subject, isReplyOrForward: marked });
  });

  it('compares with i;ascii-casemap: only a-z fold', () => {
    expect(baseSubjectKey('Re: Grüße')).toBe('GRüßE');
    expect(baseSubjectKey(null)).toBe('');
  });
});
