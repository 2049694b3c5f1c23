import { describe, expect, it } from 'vitest';
import { parseStoreChange } from '../notify/change-notifier';
import { normaliseFlags } from './message-flags';

describe('flags and notifications', () => {
  it('canonicalises system flags, keeps keywords, drops \\Recent and duplicates', () => {
    expect(normaliseFlags(['\\SEEN', '\\seen', '$Label1', '\\Recent', '', 'Work', '\\deleted'])).toEqual([
      '\\Seen',
      '$Label1',
      'Work',
      '\\Deleted',
    ]);
  });

  it('reads NOTIFY payloads <folderId>:<modseq> and nothing else', () => {
    expect(parseStoreChange('6F1D2A3B-1111-4222-8333-944445555666:42')).toEqual({
      folderId: '6f1d2a3b-1111-4222-8333-944445555666',
      modseq: 42,
    });
    expect(parseStoreChange('6f1d2a3b-1111-4222-8333-944445555666:')).toBeNull();
    expect(parseStoreChange('x:1')).toBeNull();
  });
});
