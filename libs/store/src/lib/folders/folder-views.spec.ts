import { describe, expect, it } from 'vitest';
import type { FolderRow } from './folder.repository';
import { toFolderViews } from './folder.service';

const row = (id: string, name: string, parentId: string | null, role: FolderRow['role'] = null): FolderRow => ({
  id,
  mailboxId: 'm',
  parentId,
  name,
  role,
  uidvalidity: 1,
  uidnext: 1,
  highestModseq: 1,
  messageCount: 0,
  sizeBytes: 0,
  subscribed: true,
});

describe('folder views', () => {
  it('lists default folders in Exchange order, then user folders by path, with RFC 6154 attributes', () => {
    const views = toFolderViews([
      row('5', 'zeta', null),
      row('3', 'Deleted Items', null, 'trash'),
      row('6', 'Sub', '5'),
      row('1', 'Inbox', null, 'inbox'),
      row('2', 'Sent Items', null, 'sent'),
      row('4', 'Alpha', null),
    ]);
    expect(views.map((v) => [v.path, v.specialUse])).toEqual([
      ['Inbox', null],
      ['Sent Items', '\\Sent'],
      ['Deleted Items', '\\Trash'],
      ['Alpha', null],
      ['zeta', null],
      ['zeta/Sub', null],
    ]);
  });
});
