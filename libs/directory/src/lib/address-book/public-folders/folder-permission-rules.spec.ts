import { describe, expect, it } from 'vitest';
import type { FolderPermissionDto } from '@estafette/contracts';
import { ensureAnonymousCanPost, normalizePermissions, permissionsForNewFolder } from './folder-permission-rules';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';

describe('permissions of a new folder', () => {
  it('uses the Exchange top-level defaults under a bare root, plus the creator as owner', () => {
    expect(permissionsForNewFolder([], ALICE)).toEqual([
      { principal: 'default', recipientId: null, role: 'author' },
      { principal: 'anonymous', recipientId: null, role: 'none' },
      { principal: 'recipient', recipientId: ALICE, role: 'owner' },
    ]);
  });

  it("copies the parent's entries and makes the creator owner even when the parent lists them lower", () => {
    const parent: FolderPermissionDto[] = [
      { principal: 'default', recipientId: null, role: 'reviewer' },
      { principal: 'anonymous', recipientId: null, role: 'contributor' },
      { principal: 'recipient', recipientId: BOB, role: 'owner' },
      { principal: 'recipient', recipientId: ALICE, role: 'editor' },
    ];
    expect(permissionsForNewFolder(parent, ALICE)).toEqual([
      { principal: 'default', recipientId: null, role: 'reviewer' },
      { principal: 'anonymous', recipientId: null, role: 'contributor' },
      { principal: 'recipient', recipientId: BOB, role: 'owner' },
      { principal: 'recipient', recipientId: ALICE, role: 'owner' },
    ]);
  });

  it('adds no owner entry for the system actor', () => {
    expect(permissionsForNewFolder([], null).map((e) => e.principal)).toEqual(['default', 'anonymous']);
  });
});

describe('normalizePermissions', () => {
  it('completes Default and Anonymous with None', () => {
    expect(normalizePermissions([{ principal: 'recipient', recipientId: ALICE, role: 'owner' }])).toEqual({
      entries: [
        { principal: 'recipient', recipientId: ALICE, role: 'owner' },
        { principal: 'default', recipientId: null, role: 'none' },
        { principal: 'anonymous', recipientId: null, role: 'none' },
      ],
    });
  });

  it.each([
    [[{ principal: 'recipient' as const, role: 'owner' as const }], 'needs recipientId'],
    [[{ principal: 'default' as const, recipientId: ALICE, role: 'owner' as const }], 'takes no recipientId'],
    [
      [
        { principal: 'recipient' as const, recipientId: ALICE, role: 'owner' as const },
        { principal: 'recipient' as const, recipientId: ALICE, role: 'author' as const },
      ],
      'listed twice',
    ],
    [[{ principal: 'default' as const, role: 'author' as const }], 'at least one owner'],
  ])('refuses %j', (entries, message) => {
    const result = normalizePermissions(entries);
    expect('error' in result && result.error).toContain(message);
  });
});

describe('ensureAnonymousCanPost', () => {
  it('raises Anonymous to Contributor when it cannot create items', () => {
    const out = ensureAnonymousCanPost([
      { principal: 'default', recipientId: null, role: 'author' },
      { principal: 'anonymous', recipientId: null, role: 'reviewer' },
    ]);
    expect(out.find((e) => e.principal === 'anonymous')?.role).toBe('contributor');
  });

  it('keeps a role that already creates items', () => {
    const out = ensureAnonymousCanPost([{ principal: 'anonymous', recipientId: null, role: 'author' }]);
    expect(out.find((e) => e.principal === 'anonymous')?.role).toBe('author');
  });
});
