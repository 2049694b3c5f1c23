import { describe, expect, it } from 'vitest';
import type { MailboxView } from './session-state';
import { UntaggedQueue } from './untagged-queue';

function view(uids: number[], highestModseq = 10n): MailboxView {
  return {
    handle: { id: 'm1', name: 'INBOX' },
    uidValidity: 1,
    uidNext: Math.max(0, ...uids) + 1,
    highestModseq,
    readOnly: false,
    uids,
  };
}

describe('UntaggedQueue (RFC 3501 §7.4.1)', () => {
  it('announces new messages once as EXISTS with the new count', () => {
    const queue = new UntaggedQueue();
    const v = view([1, 2]);
    queue.push({ kind: 'exists', uids: [3] });
    queue.push({ kind: 'exists', uids: [4, 5] });
    expect(queue.flush(v, true)).toEqual(['* 5 EXISTS']);
    expect(v.uids).toEqual([1, 2, 3, 4, 5]);
    expect(v.uidNext).toBe(6);
    expect(queue.size).toBe(0);
  });

  it('renumbers after each EXPUNGE and ignores UIDs the client never saw', () => {
    const queue = new UntaggedQueue();
    const v = view([1, 2, 3, 4]);
    queue.push({ kind: 'expunge', uids: [2, 3, 99] });
    expect(queue.flush(v, true)).toEqual(['* 2 EXPUNGE', '* 2 EXPUNGE']);
    expect(v.uids).toEqual([1, 4]);
  });

  it('holds EXPUNGE back during FETCH/STORE/SEARCH but still reports EXISTS consistently', () => {
    const queue = new UntaggedQueue();
    const v = view([1, 2, 3]);
    queue.push({ kind: 'expunge', uids: [2] });
    queue.push({ kind: 'exists', uids: [4] });
    // Message 2 still counts: the client has not been told it is gone.
    expect(queue.flush(v, false)).toEqual(['* 4 EXISTS']);
    expect(v.uids).toEqual([1, 2, 3, 4]);
    expect(queue.flush(v, true)).toEqual(['* 2 EXPUNGE']);
    expect(v.uids).toEqual([1, 3, 4]);
  });

  it('reports flag changes by sequence number with MODSEQ when the mailbox has modseqs', () => {
    const queue = new UntaggedQueue();
    const v = view([5, 6]);
    queue.push({ kind: 'flags', uid: 6, flags: ['\\Seen'], modseq: 12n });
    expect(queue.flush(v, true, { condstore: true })).toEqual(['* 2 FETCH (UID 6 FLAGS (\\Seen) MODSEQ (12))']);
    expect(v.highestModseq).toBe(12n);
    const plain = view([5], 0n);
    queue.push({ kind: 'flags', uid: 5, flags: [], modseq: 3n });
    expect(queue.flush(plain, true, { condstore: true })).toEqual(['* 1 FETCH (UID 5 FLAGS ())']);
    queue.push({ kind: 'flags', uid: 5, flags: [], modseq: 4n });
    expect(queue.flush(view([5]), true)).toEqual(['* 1 FETCH (UID 5 FLAGS ())']);
  });

  it('words expunges as VANISHED once QRESYNC is enabled (RFC 7162 §3.2.10)', () => {
    const queue = new UntaggedQueue();
    const v = view([1, 2, 3, 4, 9]);
    queue.push({ kind: 'expunge', uids: [4, 2, 3, 7] });
    expect(queue.flush(v, true, { qresync: true })).toEqual(['* VANISHED 2:4']);
    expect(v.uids).toEqual([1, 9]);
  });

  it('drops flag events a STORE already reported, keeping later ones', () => {
    const queue = new UntaggedQueue();
    queue.push({ kind: 'flags', uid: 1, flags: ['\\Seen'], modseq: 5n });
    queue.push({ kind: 'flags', uid: 1, flags: [], modseq: 6n });
    queue.dropFlagEvents(new Map([[1, 5n]]));
    expect(queue.flush(view([1]), true)).toEqual(['* 1 FETCH (UID 1 FLAGS ())']);
  });
});
