import { describe, expect, it } from 'vitest';
import { rightsOfRole } from '@estafette/directory';
import { imapRightsOfPublicRole, publicRoleOf } from './imap-public-rights';

describe('imapRightsOfPublicRole', () => {
  it.each([
    ['owner', 'lrswipte'],
    ['publishing-editor', 'lrswipte'],
    ['editor', 'lrswipte'],
    ['publishing-author', 'lrip'],
    ['author', 'lrip'],
    ['nonediting-author', 'lrip'],
    ['reviewer', 'lr'],
    ['contributor', 'lip'],
    ['none', 'l'],
  ] as const)('maps %s to "%s"', (role, rights) => {
    expect(imapRightsOfPublicRole(rightsOfRole(role))).toBe(rights);
  });
});

describe('publicRoleOf', () => {
  const permissions = [
    { principal: 'default', recipientId: null, role: 'reviewer' },
    { principal: 'anonymous', recipientId: null, role: 'contributor' },
    { principal: 'recipient', recipientId: 'u-1', role: 'author' },
  ] as const;

  it('takes the user’s own entry first', () => {
    expect(publicRoleOf(permissions, 'u-1')).toBe('author');
  });

  it('falls back to Default for other users, and to None without a Default entry', () => {
    expect(publicRoleOf(permissions, 'u-2')).toBe('reviewer');
    expect(publicRoleOf(permissions.slice(1), 'u-2')).toBe('none');
  });
});
