import { describe, expect, it } from 'vitest';
import type { ImapAddress } from '../backend/imap-backend';
import { sortMessages, type SortableMessage } from './sort-order';

const addr = (name: string | null, mailbox: string): ImapAddress[] => [
  { name, adl: null, mailbox, host: 'example.com' },
];

const messages: SortableMessage[] = [
  {
    uid: 1,
    internalDate: 3,
    sentDate: 30,
    size: 300,
    envelope: { subject: 'Re: beta', from: addr('Zoe', 'alpha'), to: addr(null, 'b'), cc: null },
  },
  {
    uid: 2,
    internalDate: 1,
    sentDate: 20,
    size: 100,
    envelope: { subject: 'alpha', from: addr(null, 'beta'), to: addr(null, 'a'), cc: addr(null, 'x') },
  },
  {
    uid: 3,
    internalDate: 2,
    sentDate: 20,
    size: 200,
    envelope: { subject: 'BETA', from: addr('adam', 'gamma'), to: null, cc: null },
  },
];

describe('SORT order (RFC 5256 §3, RFC 5957)', () => {
  it('sorts by each key, REVERSE per criterion, ties in UID order', () => {
    expect(sortMessages(messages, [{ key: 'ARRIVAL', reverse: false }])).toEqual([2, 3, 1]);
    expect(sortMessages(messages, [{ key: 'DATE', reverse: false }])).toEqual([2, 3, 1]);
    expect(sortMessages(messages, [{ key: 'DATE', reverse: true }])).toEqual([1, 2, 3]);
    expect(sortMessages(messages, [{ key: 'SIZE', reverse: true }])).toEqual([1, 3, 2]);
    expect(sortMessages(messages, [{ key: 'SUBJECT', reverse: false }])).toEqual([2, 1, 3]);
    expect(
      sortMessages(messages, [
        { key: 'SUBJECT', reverse: false },
        { key: 'SIZE', reverse: true },
      ]),
    ).toEqual([2, 1, 3]);
    expect(sortMessages(messages, [{ key: 'FROM', reverse: false }])).toEqual([1, 2, 3]);
    expect(sortMessages(messages, [{ key: 'TO', reverse: false }])).toEqual([3, 2, 1]);
    expect(sortMessages(messages, [{ key: 'CC', reverse: false }])).toEqual([1, 3, 2]);
  });

  it('DISPLAYFROM uses the display name, else the address', () => {
    expect(sortMessages(messages, [{ key: 'DISPLAYFROM', reverse: false }])).toEqual([3, 2, 1]);
    expect(sortMessages(messages, [{ key: 'DISPLAYTO', reverse: false }])).toEqual([3, 2, 1]);
  });
});
