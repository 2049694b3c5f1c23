import { describe, expect, it } from 'vitest';
import type { ThreadNode } from '../backend/imap-backend';
import { referencesThreads } from './references-thread';
import type { ThreadMessage } from './thread-message';

const msg = (
  uid: number,
  subject: string,
  sentDate: number,
  messageId: string | null,
  references: string[] = [],
): ThreadMessage => ({ uid, subject, sentDate, messageId, references });

/** The wire form, to keep expectations readable: (1 2 (3)(4)). */
function wire(nodes: readonly ThreadNode[]): string {
  const render = (n: ThreadNode): string => {
    const head = n.uid === null ? '' : String(n.uid);
    if (n.children.length === 0) return head;
    if (n.children.length === 1 && n.uid !== null) return `${head} ${render(n.children[0])}`;
    return `${head}${head ? ' ' : ''}${n.children.map((c) => `(${render(c)})`).join('')}`;
  };
  return nodes.map((n) => `(${render(n)})`).join('');
}

describe('THREAD=REFERENCES (RFC 5256 §3)', () => {
  it('follows References chains and orders siblings by sent date', () => {
    const threads = referencesThreads([
      msg(1, 'a', 10, '<1>'),
      msg(2, 'Re: a', 20, '<2>', ['<1>']),
      msg(3, 'Re: a', 40, '<3>', ['<1>', '<2>']),
      msg(4, 'Re: a', 30, '<4>', ['<1>']),
      msg(5, 'b', 5, '<5>'),
    ]);
    expect(wire(threads)).toBe('(5)(1 (2 3)(4))');
  });

  it('keeps a root dummy for siblings whose parent is missing, and promotes a single child', () => {
    const threads = referencesThreads([
      msg(1, 'Re: x', 10, '<1>', ['<gone>']),
      msg(2, 'Re: x', 20, '<2>', ['<gone>']),
      msg(3, 'y', 30, '<3>', ['<gone-too>']),
    ]);
    expect(wire(threads)).toBe('((1)(2))(3)');
  });

  it('uses the last reference as parent even when earlier ones are missing (dummy pruned)', () => {
    const threads = referencesThreads([msg(1, 'x', 10, '<1>'), msg(2, 'Re: x', 20, '<2>', ['<missing>', '<1>'])]);
    expect(wire(threads)).toBe('(1 2)');
  });

  it('groups root threads by base subject: a reply under the original, equals under a dummy', () => {
    const threads = referencesThreads([
      msg(1, 'Fwd: Lunch', 5, '<1>'),
      msg(2, 'Lunch', 10, '<2>'),
      msg(3, 'Plan', 20, '<3>'),
      msg(4, 'plan', 30, '<4>'),
    ]);
    expect(wire(threads)).toBe('(2 1)((3)(4))');
  });

  it('survives loops, self references, duplicate and missing Message-IDs', () => {
    const threads = referencesThreads([
      msg(1, 'a', 10, '<1>', ['<2>']),
      msg(2, 'b', 20, '<2>', ['<1>']),
      msg(3, 'c', 30, '<3>', ['<3>']),
      msg(4, 'd', 40, '<3>'),
      msg(5, 'e', 50, null, ['<1>']),
    ]);
    const uids: number[] = [];
    const walk = (n: ThreadNode): void => {
      if (n.uid !== null) uids.push(n.uid);
      n.children.forEach(walk);
    };
    threads.forEach(walk);
    expect(uids.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(wire(threads)).toBe('(2 1 5)(3)(4)');
  });
});
