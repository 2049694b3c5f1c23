import type { SortCriterion } from '../backend/imap-backend';
import type { SearchKey } from '../backend/search-key';
import { CommandArgs } from './command-args';
import { ImapSyntaxError, type ImapValue } from './imap-value';
import { parseSequenceSet, type SequenceSet } from './sequence-set';

/**
 * SEARCH arguments (RFC 3501 §6.4.4 and §9 "search-key", RFC 7162 §3.1.5 MODSEQ, RFC 4731 §3 RETURN)
 * into the port's SearchKey tree; SORT criteria (RFC 5256 §3, RFC 5957 DISPLAYFROM/DISPLAYTO).
 * Message sets are resolved to UIDs here through the caller's view of the mailbox, so the backend
 * never sees sequence numbers.
 */
export interface SearchResolver {
  /** A message-number set (a bare sequence set key) as UIDs. */
  sequenceUids(set: SequenceSet): number[];
  /** A UID set (the UID key) as UIDs. */
  uidSetUids(set: SequenceSet): number[];
}

/** Charsets a SEARCH/SORT/THREAD may name (RFC 3501 §6.4.4 requires US-ASCII, RFC 6855 UTF-8). */
export const SEARCH_CHARSETS = ['UTF-8', 'US-ASCII'] as const;

/** A charset we cannot search in: NO [BADCHARSET (UTF-8 US-ASCII)] (RFC 3501 §7.1). */
export class BadCharsetError extends Error {
  constructor(readonly charset: string) {
    super(`Unsupported charset ${charset}`);
    this.name = 'BadCharsetError';
  }
}

export type SearchReturnOption = 'MIN' | 'MAX' | 'ALL' | 'COUNT' | 'SAVE';

export interface ParsedSearch {
  /** null for a plain SEARCH; the RETURN options of an extended SEARCH (RFC 4731 §3), [] = ALL. */
  readonly returnOptions: readonly SearchReturnOption[] | null;
  readonly charset: string | null;
  readonly key: SearchKey;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SEQUENCE = /^(?:[0-9*:,]+|\$)$/;
const MODSEQ_MAX = 2n ** 63n - 1n;

const FLAG_KEYS: Readonly<Record<string, { flag: string; set: boolean }>> = {
  ANSWERED: { flag: '\\Answered', set: true },
  DELETED: { flag: '\\Deleted', set: true },
  DRAFT: { flag: '\\Draft', set: true },
  FLAGGED: { flag: '\\Flagged', set: true },
  RECENT: { flag: '\\Recent', set: true },
  SEEN: { flag: '\\Seen', set: true },
  UNANSWERED: { flag: '\\Answered', set: false },
  UNDELETED: { flag: '\\Deleted', set: false },
  UNDRAFT: { flag: '\\Draft', set: false },
  UNFLAGGED: { flag: '\\Flagged', set: false },
  UNSEEN: { flag: '\\Seen', set: false },
};

const HEADER_KEYS: Readonly<Record<string, string>> = {
  BCC: 'bcc',
  CC: 'cc',
  FROM: 'from',
  SUBJECT: 'subject',
  TO: 'to',
};

const DATE_KEYS: Readonly<Record<string, { field: 'internal' | 'sent'; op: 'before' | 'on' | 'since' }>> = {
  BEFORE: { field: 'internal', op: 'before' },
  ON: { field: 'internal', op: 'on' },
  SINCE: { field: 'internal', op: 'since' },
  SENTBEFORE: { field: 'sent', op: 'before' },
  SENTON: { field: 'sent', op: 'on' },
  SENTSINCE: { field: 'sent', op: 'since' },
};

/**
 * search = "SEARCH" [SP "RETURN" SP search-return-opts] [SP "CHARSET" SP astring] 1*(SP search-key).
 * `extended` allows RETURN (the server advertises ESEARCH).
 */
export function parseSearchCommand(args: CommandArgs, resolver: SearchResolver, extended: boolean): ParsedSearch {
  let returnOptions: SearchReturnOption[] | null = null;
  let charset: string | null = null;
  const first = args.peek();
  if (extended && first?.kind === 'atom' && first.value.toUpperCase() === 'RETURN') {
    args.any();
    returnOptions = parseReturnOptions(args.list());
  }
  const next = args.peek();
  if (next?.kind === 'atom' && next.value.toUpperCase() === 'CHARSET') {
    args.any();
    charset = checkCharset(args.astring());
  }
  return { returnOptions, charset, key: parseSearchKeys(args, resolver) };
}

/** The charset argument of SEARCH, SORT and THREAD: UTF-8 or US-ASCII, else BADCHARSET. */
export function checkCharset(name: string): string {
  const upper = name.toUpperCase();
  if (!(SEARCH_CHARSETS as readonly string[]).includes(upper)) throw new BadCharsetError(name);
  return upper;
}

/** search-return-opts = "(" [search-return-opt *(SP search-return-opt)] ")" (RFC 4731 §3, RFC 5182 SAVE). */
function parseReturnOptions(items: readonly ImapValue[]): SearchReturnOption[] {
  const out: SearchReturnOption[] = [];
  for (const item of items) {
    if (item.kind !== 'atom') throw new ImapSyntaxError('Invalid RETURN option');
    const name = item.value.toUpperCase();
    if (name !== 'MIN' && name !== 'MAX' && name !== 'ALL' && name !== 'COUNT' && name !== 'SAVE') {
      throw new ImapSyntaxError(`Unknown RETURN option ${item.value}`);
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** 1*(SP search-key), ANDed; the arguments must all be consumed. */
export function parseSearchKeys(args: CommandArgs, resolver: SearchResolver): SearchKey {
  const keys: SearchKey[] = [];
  do keys.push(parseKey(args, resolver));
  while (args.remaining > 0);
  return keys.length === 1 ? keys[0] : { kind: 'and', keys };
}

function parseKey(args: CommandArgs, resolver: SearchResolver): SearchKey {
  const value = args.any();
  if (value.kind === 'list') {
    if (value.items.length === 0) throw new ImapSyntaxError('Empty search key list');
    return parseSearchKeys(new CommandArgs(value.items), resolver);
  }
  if (value.kind !== 'atom') throw new ImapSyntaxError('Expected a search key');
  const name = value.value.toUpperCase();
  if (SEQUENCE.test(value.value)) {
    return { kind: 'uid', uids: resolver.sequenceUids(parseSequenceSet(value.value)) };
  }
  const flag = FLAG_KEYS[name];
  if (flag) return { kind: 'flag', ...flag };
  const header = HEADER_KEYS[name];
  if (header) return { kind: 'header', field: header, value: args.astring() };
  const date = DATE_KEYS[name];
  if (date) return { kind: 'date', ...date, date: searchDate(args.any()) };
  switch (name) {
    case 'ALL':
      return { kind: 'all' };
    case 'NEW':
      return { kind: 'new' };
    case 'OLD':
      return { kind: 'old' };
    case 'BODY':
      return { kind: 'body', value: args.astring() };
    case 'TEXT':
      return { kind: 'text', value: args.astring() };
    case 'HEADER': {
      const field = args.astring();
      return { kind: 'header', field: field.toLowerCase(), value: args.astring() };
    }
    case 'KEYWORD':
    case 'UNKEYWORD':
      return { kind: 'flag', flag: keyword(args.atom()), set: name === 'KEYWORD' };
    case 'LARGER':
    case 'SMALLER':
      return { kind: 'size', op: name === 'LARGER' ? 'larger' : 'smaller', bytes: args.number() };
    case 'NOT':
      return { kind: 'not', key: parseKey(args, resolver) };
    case 'OR': {
      const left = parseKey(args, resolver);
      return { kind: 'or', left, right: parseKey(args, resolver) };
    }
    case 'UID':
      return { kind: 'uid', uids: resolver.uidSetUids(parseSequenceSet(args.atom())) };
    case 'MODSEQ':
      return { kind: 'modseq', modseq: modseqArgument(args) };
    default:
      throw new ImapSyntaxError(`Unknown search key ${value.value}`);
  }
}

/** flag-keyword = atom: no "\" system flags (RFC 3501 §9). */
function keyword(atom: string): string {
  if (atom.startsWith('\\')) throw new ImapSyntaxError('KEYWORD takes a keyword, not a system flag');
  return atom;
}

/** search-modsequence = "MODSEQ" [search-modseq-ext] SP mod-sequence-valzer (RFC 7162 §7). */
function modseqArgument(args: CommandArgs): bigint {
  const first = args.peek();
  if (first?.kind === 'string') {
    // search-modseq-ext = SP entry-name SP entry-type-req: per-flag modseqs are not kept; the message's
    // modseq is an upper bound of each flag's (RFC 7162 §3.1.5 allows that).
    args.any();
    const type = args.atom().toLowerCase();
    if (type !== 'priv' && type !== 'shared' && type !== 'all') throw new ImapSyntaxError('Invalid entry-type-req');
  }
  const text = args.atom();
  if (!/^\d{1,19}$/.test(text) || BigInt(text) > MODSEQ_MAX) throw new ImapSyntaxError('Invalid mod-sequence');
  return BigInt(text);
}

/** date = date-text / DQUOTE date-text DQUOTE; date-text = date-day "-" date-month "-" date-year. */
function searchDate(value: ImapValue): string {
  const text = value.kind === 'atom' ? value.value : value.kind === 'string' ? value.value.toString('latin1') : '';
  const match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text);
  const month = match ? MONTHS.indexOf(match[2].toLowerCase()) : -1;
  if (!match || month < 0) throw new ImapSyntaxError('Invalid date');
  const day = Number(match[1]);
  const probe = new Date(Date.UTC(Number(match[3]), month, day));
  if (probe.getUTCMonth() !== month || day < 1) throw new ImapSyntaxError('Invalid date');
  return probe.toISOString().slice(0, 10);
}

const SORT_KEYS = ['ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO', 'DISPLAYFROM', 'DISPLAYTO'] as const;

/** sort-criteria = "(" sort-criterion *(SP sort-criterion) ")"; sort-criterion = ["REVERSE" SP] sort-key. */
export function parseSortCriteria(items: readonly ImapValue[]): SortCriterion[] {
  const out: SortCriterion[] = [];
  let reverse = false;
  for (const item of items) {
    if (item.kind !== 'atom') throw new ImapSyntaxError('Invalid sort criterion');
    const name = item.value.toUpperCase();
    if (name === 'REVERSE') {
      if (reverse) throw new ImapSyntaxError('REVERSE twice');
      reverse = true;
      continue;
    }
    const key = SORT_KEYS.find((k) => k === name);
    if (!key) throw new ImapSyntaxError(`Unknown sort key ${item.value}`);
    out.push({ key, reverse });
    reverse = false;
  }
  if (reverse || out.length === 0) throw new ImapSyntaxError('Incomplete sort criteria');
  return out;
}

/** Whether a key tree uses MODSEQ: the response then carries the highest modseq (RFC 7162 §3.1.5). */
export function usesModseq(key: SearchKey): boolean {
  switch (key.kind) {
    case 'modseq':
      return true;
    case 'and':
      return key.keys.some(usesModseq);
    case 'or':
      return usesModseq(key.left) || usesModseq(key.right);
    case 'not':
      return usesModseq(key.key);
    default:
      return false;
  }
}
