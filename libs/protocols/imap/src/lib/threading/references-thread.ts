import type { ThreadNode } from '../backend/imap-backend';
import { asciiUpper, extractBaseSubject } from './base-subject';
import { bySentDate, type ThreadMessage } from './thread-message';

/** A node of the id table (RFC 5256 §2.3 step 1): a message, or a dummy for an id only referenced. */
interface Container {
  message: ThreadMessage | null;
  parent: Container | null;
  children: Container[];
}

function container(message: ThreadMessage | null = null): Container {
  return { message, parent: null, children: [] };
}

function isAncestor(candidate: Container, of: Container): boolean {
  for (let c: Container | null = of; c; c = c.parent) if (c === candidate) return true;
  return false;
}

function link(parent: Container, child: Container): void {
  unlink(child);
  child.parent = parent;
  parent.children.push(child);
}

function unlink(child: Container): void {
  if (!child.parent) return;
  const siblings = child.parent.children;
  siblings.splice(siblings.indexOf(child), 1);
  child.parent = null;
}

/** The sent date a container sorts by: its message's, or for a dummy its first child's (step 4). */
function dateOf(c: Container): ThreadMessage | null {
  return c.message ?? (c.children[0] ? dateOf(c.children[0]) : null);
}

function compare(a: Container, b: Container): number {
  const x = dateOf(a);
  const y = dateOf(b);
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return bySentDate(x, y);
}

function sortTree(list: Container[]): void {
  for (const c of list) sortTree(c.children);
  list.sort(compare);
}

/**
 * Step 3: dummies without children go; a dummy's children take its place, except at the root where a
 * dummy with several children stays (it groups them).
 */
function prune(list: Container[], atRoot: boolean): Container[] {
  const out: Container[] = [];
  for (const c of list) {
    c.children = prune(c.children, false);
    for (const child of c.children) child.parent = c;
    if (c.message) out.push(c);
    else if (c.children.length === 0) continue;
    else if (atRoot && c.children.length > 1) out.push(c);
    else out.push(...c.children);
  }
  return out;
}

function toNode(c: Container): ThreadNode {
  return { uid: c.message?.uid ?? null, children: c.children.map(toNode) };
}

/**
 * THREAD=REFERENCES (RFC 5256 §3, "REFERENCES"): the References/In-Reply-To graph, dummies for
 * missing parents, grouping of root threads by base subject, sent-date order at every level.
 */
export function referencesThreads(messages: readonly ThreadMessage[]): ThreadNode[] {
  const byId = new Map<string, Container>();
  const all: Container[] = [];
  const idContainer = (id: string): Container => {
    let c = byId.get(id);
    if (!c) {
      c = container();
      byId.set(id, c);
      all.push(c);
    }
    return c;
  };

  // Step 1: the id table and the parent links.
  for (const message of messages) {
    // 1B first in effect: a duplicate or missing Message-ID makes the message unique (RFC 5256 §3 1A).
    let own: Container;
    const existing = message.messageId ? byId.get(message.messageId) : undefined;
    if (message.messageId && (!existing || !existing.message)) {
      own = idContainer(message.messageId);
      own.message = message;
    } else {
      own = container(message);
      all.push(own);
    }
    // 1A: link each reference to the next, keeping existing links and refusing loops.
    const refs = message.references.filter((r) => r !== message.messageId);
    for (let i = 0; i + 1 < refs.length; i++) {
      const parent = idContainer(refs[i]);
      const child = idContainer(refs[i + 1]);
      if (child.parent || isAncestor(child, parent)) continue;
      link(parent, child);
    }
    // 1C: the last reference is this message's parent, replacing any earlier guess.
    const last = refs.length > 0 ? idContainer(refs[refs.length - 1]) : null;
    if (last && !isAncestor(own, last)) link(last, own);
    else if (!last) unlink(own);
  }

  // Steps 2-4: the root set, pruned and sorted.
  let roots = prune(
    all.filter((c) => !c.parent),
    true,
  );
  for (const root of roots) root.parent = null;
  sortTree(roots);

  // Step 5: merge root threads that share a base subject.
  const subjectOf = (c: Container): { key: string; reply: boolean } | null => {
    const message = c.message ?? c.children[0]?.message ?? null;
    if (!message) return null;
    const base = extractBaseSubject(message.subject);
    return base.subject === '' ? null : { key: asciiUpper(base.subject), reply: base.isReplyOrForward };
  };
  const table = new Map<string, Container>();
  for (const root of roots) {
    const subject = subjectOf(root);
    if (!subject) continue;
    const current = table.get(subject.key);
    const currentReply = current ? (subjectOf(current)?.reply ?? false) : false;
    if (!current || (!root.message && current.message) || (current.message && currentReply && !subject.reply)) {
      table.set(subject.key, root);
    }
  }
  const merged: Container[] = [];
  const replaced = new Map<Container, Container>();
  for (const root of roots) {
    const subject = subjectOf(root);
    let target = subject ? table.get(subject.key) : undefined;
    while (target && replaced.has(target)) target = replaced.get(target);
    if (!subject || !target || target === root) {
      if (!merged.includes(root)) merged.push(root);
      continue;
    }
    if (!target.message && !root.message) {
      for (const child of [...root.children]) link(target, child);
    } else if (!target.message) {
      link(target, root);
    } else if (!root.message) {
      link(root, target);
      swap(merged, target, root);
      replaced.set(target, root);
      table.set(subject.key, root);
    } else if (!(subjectOf(target)?.reply ?? false) && subject.reply) {
      link(target, root);
    } else {
      const dummy = container();
      link(dummy, target);
      link(dummy, root);
      swap(merged, target, dummy);
      replaced.set(target, dummy);
      table.set(subject.key, dummy);
    }
  }

  // Step 6: sort siblings again (merging added children) and hand out the forest.
  roots = merged;
  sortTree(roots);
  return roots.map(toNode);
}

function swap(list: Container[], from: Container, to: Container): void {
  const index = list.indexOf(from);
  if (index >= 0) list[index] = to;
  else list.push(to);
}
