import { describe, expect, it } from 'vitest';
import { aliasFrom, displayNameFrom } from './new-user-names';

describe('New User wizard name rules', () => {
  it('builds the alias from first and last name, ASCII only', () => {
    expect(aliasFrom('Grace', 'Hopper')).toBe('grace.hopper');
    expect(aliasFrom('Jörg', 'van der Berg')).toBe('jorg.vanderberg');
    expect(aliasFrom('', 'Hopper')).toBe('hopper');
    expect(aliasFrom('Zoë', "O'Brien")).toBe('zoe.obrien');
  });

  it('builds the display name with the initials as a middle initial', () => {
    expect(displayNameFrom('Grace', 'B', 'Hopper')).toBe('Grace B. Hopper');
    expect(displayNameFrom('Grace', 'B.', 'Hopper')).toBe('Grace B. Hopper');
    expect(displayNameFrom('Grace', '', 'Hopper')).toBe('Grace Hopper');
    expect(displayNameFrom(' ', '', 'Hopper')).toBe('Hopper');
  });
});
