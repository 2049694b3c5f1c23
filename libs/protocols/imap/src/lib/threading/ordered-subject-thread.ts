import type { ThreadNode } from '../backend/imap-backend';
import { baseSubjectKey } from './base-subject';
import { bySentDate, type ThreadMessage } from './thread-message';

/**
 * THREAD=ORDEREDSUBJECT (RFC 5256 §3, "ORDEREDSUBJECT"): messages with the same base subject form a
 * thread, sorted by sent date; the first is the parent and the others are its children. Threads are
 * ordered by the sent date of their first message.
 */
export function orderedSubjectThreads(messages: readonly ThreadMessage[]): ThreadNode[] {
  const groups = new Map<string, ThreadMessage[]>();
  for (const message of [...messages].sort(bySentDate)) {
    const key = baseSubjectKey(message.subject);
    const group = groups.get(key);
    if (group) group.push(message);
    else groups.set(key, [message]);
  }
  return [...groups.values()]
    .sort((a, b) => bySentDate(a[0], b[0]))
    .map(([first, ...rest]) => ({ uid: first.uid, children: rest.map((m) => ({ uid: m.uid, children: [] })) }));
}
