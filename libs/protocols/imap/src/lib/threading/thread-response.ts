import type { ThreadNode } from '../backend/imap-backend';

/**
 * thread-data = "THREAD" [SP 1*thread-list] (RFC 5256 §4): "(3 6 (4 23)(44 7 96))". A chain of only
 * children is written flat; several children each get their own parentheses; a dummy (uid null) has
 * no number of its own. `number` maps a UID to what the client asked for (UID or sequence number).
 */
export function threadResponse(threads: readonly ThreadNode[], number: (uid: number) => number | null): string {
  const render = (node: ThreadNode): string => {
    const n = node.uid === null ? null : number(node.uid);
    const head = n === null ? '' : String(n);
    if (node.children.length === 0) return head;
    if (node.children.length === 1 && head) return `${head} ${render(node.children[0])}`;
    const children = node.children.map((c) => `(${render(c)})`).join('');
    return head ? `${head} ${children}` : children;
  };
  const lists = threads.map((t) => `(${render(t)})`).filter((t) => t !== '()');
  return lists.length ? `THREAD ${lists.join('')}` : 'THREAD';
}
