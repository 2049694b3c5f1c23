import type { SearchKey, SearchResult } from '@estafette/protocols-imap';
import type { FolderIndex, IndexedMessage } from './imap-folder-index';

const DAY_MS = 86_400_000;

/**
 * SEARCH over a kept folder (see ImapFolderIndex) when every key of the tree is about what the index
 * keeps: flags and keywords, UIDs, sizes, internal dates, MODSEQ. The same answers as the store's SQL
 * (MessageSearchRepository): system flags as the store spells them, keywords case-insensitively, days of
 * the internal date in UTC, no \Recent message (the sessions have none). Null when a key needs the
 * message's headers or text: the store answers those.
 */
export function searchIndexed(index: FolderIndex, key: SearchKey): SearchResult | null {
  const test = compile(key);
  if (!test) return null;
  const uids: number[] = [];
  let highest = 0n;
  for (const message of index.all()) {
    if (!test(message)) continue;
    uids.push(message.uid);
    if (message.modseq > highest) highest = message.modseq;
  }
  return uids.length > 0 ? { uids, highestModseq: highest } : { uids };
}

type Test = (message: IndexedMessage) => boolean;

function compile(key: SearchKey): Test | null {
  switch (key.kind) {
    case 'all':
      return () => true;
    case 'and': {
      const tests = key.keys.map(compile);
      if (tests.some((t) => t === null)) return null;
      return (m) => (tests as Test[]).every((t) => t(m));
    }
    case 'or': {
      const left = compile(key.left);
      const right = compile(key.right);
      return left && right ? (m) => left(m) || right(m) : null;
    }
    case 'not': {
      const inner = compile(key.key);
      return inner ? (m) => !inner(m) : null;
    }
    case 'uid': {
      const uids = new Set(key.uids);
      return (m) => uids.has(m.uid);
    }
    case 'flag': {
      const has = flagTest(key.flag);
      return key.set ? has : (m) => !has(m);
    }
    // No message is \Recent to anyone (RFC 3501 §2.3.2 leaves it to the server; the store keeps none).
    case 'new':
      return () => false;
    case 'old':
      return () => true;
    case 'date': {
      if (key.field !== 'internal') return null;
      const start = Date.parse(`${key.date}T00:00:00Z`);
      // A day the calendar does not have is the store's to refuse.
      if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== key.date) return null;
      if (key.op === 'before') return (m) => m.internalDate.getTime() < start;
      if (key.op === 'since') return (m) => m.internalDate.getTime() >= start;
      return (m) => m.internalDate.getTime() >= start && m.internalDate.getTime() < start + DAY_MS;
    }
    case 'size':
      return key.op === 'larger' ? (m) => m.size > key.bytes : (m) => m.size < key.bytes;
    case 'modseq':
      return (m) => m.modseq >= key.modseq;
    case 'header':
    case 'body':
    case 'text':
      return null;
  }
}

function flagTest(flag: string): Test {
  const lower = flag.toLowerCase();
  if (lower === '\\recent') return () => false;
  // Stored system flags are in canonical case (normaliseFlags) and keywords as given: compare lower-cased,
  // which for a system flag is the same as the store's exact match on its canonical spelling.
  return (m) => m.flags.some((f) => f.toLowerCase() === lower);
}
