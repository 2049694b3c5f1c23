import { describe, expect, it } from 'vitest';
import { likePrefixPattern } from './like-prefix';

describe('likePrefixPattern', () => {
  it('appends the wildcard to a plain prefix', () => {
    expect(likePrefixPattern('smi')).toBe('smi%');
  });

  it('escapes LIKE metacharacters so they match themselves', () => {
    expect(likePrefixPattern('50%_off\\')).toBe('50\\%\\_off\\\\%');
  });
});
