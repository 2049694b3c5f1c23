import { describe, expect, it } from 'vitest';
import { orderedSubjectThreads } from './ordered-subject-thread';
import type { ThreadMessage } from './thread-message';

const msg = (uid: number, subject: string, sentDate: number): ThreadMessage => ({
  uid,
  subject,
  sentDate,
  messageId: null,
  references: [],
});

describe('THREAD=ORDEREDSUBJECT (RFC 5256 §3)', () => {
  it('groups by base subject, first by date is the parent, threads ordered by their first date', () => {
    const threads = orderedSubjectThreads([
      msg(1, 'Plan', 30),
      msg(2, 'Re: plan', 40),
      msg(3, 'Lunch', 10),
      msg(4, 'RE: Plan', 35),
      msg(5, 'Other', 50),
    ]);
    expect(threads).toEqual([
      { uid: 3, children: [] },
      {
        uid: 1,
        children: [
          { uid: 4, children: [] },
          { uid: 2, children: [] },
        ],
      },
      { uid: 5, children: [] },
    ]);
  });

  it('breaks date ties by UID', () => {
    expect(orderedSubjectThreads([msg(9, 'x', 1), msg(2, 'x', 1)])).toEqual([
      { uid: 2, children: [{ uid: 9, children: [] }] },
    ]);
  });
});
