import { describe, expect, it } from 'vitest';
import type { FolderRole } from '@estafette/contracts';
import { rightsOfRole } from './folder-rights';

describe('rightsOfRole (Exchange 2003 public folder roles)', () => {
  it('gives Owner every right', () => {
    expect(rightsOfRole('owner')).toEqual({
      createItems: true,
      readItems: true,
      createSubfolders: true,
      folderOwner: true,
      folderContact: true,
      folderVisible: true,
      editItems: 'all',
      deleteItems: 'all',
    });
  });

  it.each<[FolderRole, boolean, boolean, boolean, string, string]>([
    ['publishing-editor', true, true, true, 'all', 'all'],
    ['editor', true, true, false, 'all', 'all'],
    ['publishing-author', true, true, true, 'own', 'own'],
    ['author', true, true, false, 'own', 'own'],
    ['nonediting-author', true, true, false, 'none', 'own'],
    ['reviewer', false, true, false, 'none', 'none'],
    ['contributor', true, false, false, 'none', 'none'],
    ['none', false, false, false, 'none', 'none'],
  ])('%s: create %s, read %s, subfolders %s, edit %s, delete %s', (role, create, read, sub, edit, del) => {
    expect(rightsOfRole(role)).toEqual({
      createItems: create,
      readItems: read,
      createSubfolders: sub,
      folderOwner: false,
      folderContact: false,
      folderVisible: true,
      editItems: edit,
      deleteItems: del,
    });
  });

  it('returns a copy that cannot change the table', () => {
    const rights = rightsOfRole('reviewer');
    rights.createItems = true;
    expect(rightsOfRole('reviewer').createItems).toBe(false);
  });
});
