import type { BodySection } from '../backend/imap-backend';
import { ImapSyntaxError, type ImapValue } from './imap-value';

/**
 * FETCH attributes (RFC 3501 §6.4.5, §9 "fetch-att"; RFC 7162 MODSEQ) parsed into what the backend is
 * asked for and the order and names in which the response reports them.
 */
export type FetchItem =
  | { readonly kind: 'UID' | 'FLAGS' | 'INTERNALDATE' | 'RFC822.SIZE' | 'ENVELOPE' | 'MODSEQ' }
  /** BODY (non-extensible) or BODYSTRUCTURE. */
  | { readonly kind: 'BODY' | 'BODYSTRUCTURE' }
  /** A section: `label` is the response name ("BODY[1.MIME]<0>", "RFC822.HEADER"). */
  | { readonly kind: 'section'; readonly section: BodySection; readonly label: string; readonly peek: boolean };

export interface FetchAttributes {
  readonly items: readonly FetchItem[];
}

/** The FETCH modifiers of RFC 7162 §3.1.4 (CHANGEDSINCE) and §3.2.6 (VANISHED). */
export interface FetchModifiers {
  readonly changedSince?: bigint;
  readonly vanished: boolean;
}

const MACROS: Readonly<Record<string, readonly string[]>> = {
  ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
  FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
};

const SIMPLE = new Set(['UID', 'FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'MODSEQ', 'BODY', 'BODYSTRUCTURE']);

/** BODY[...]<o.l> and BODY.PEEK[...]<o.l>; the section text may hold a parenthesised field list. */
const SECTION_ITEM = /^(BODY|BODY\.PEEK)\[([^\]]*)\](?:<(\d{1,10})\.(\d{1,10})>)?$/i;

/** section-spec: part numbers, then HEADER, HEADER.FIELDS[.NOT] (list), TEXT or (after a part) MIME. */
const SPECIFIER = 'HEADER\\.FIELDS\\.NOT|HEADER\\.FIELDS|HEADER|TEXT|MIME';
const SECTION_SPEC = new RegExp(
  `^(?:([1-9]\\d{0,4}(?:\\.[1-9]\\d{0,4})*)(?:\\.(${SPECIFIER}))?|(${SPECIFIER}))(?: \\((.*)\\))?$`,
  'i',
);

/** Parses the fetch-att argument: a macro, one attribute, or a parenthesised list of attributes. */
export function parseFetchAttributes(value: ImapValue): FetchAttributes {
  if (value.kind === 'atom' && MACROS[value.value.toUpperCase()]) {
    return { items: MACROS[value.value.toUpperCase()].map((name) => simpleItem(name)) };
  }
  const values = value.kind === 'list' ? value.items : [value];
  if (values.length === 0) throw new ImapSyntaxError('Empty FETCH attribute list');
  const items: FetchItem[] = [];
  for (const item of values) {
    if (item.kind !== 'atom') throw new ImapSyntaxError('Invalid FETCH attribute');
    items.push(parseItem(item.value));
  }
  return { items };
}

function simpleItem(name: string): FetchItem {
  return { kind: name as 'UID' };
}

function parseItem(text: string): FetchItem {
  const upper = text.toUpperCase();
  if (SIMPLE.has(upper)) return simpleItem(upper);
  // RFC 3501 §6.4.5: RFC822 = BODY[], RFC822.HEADER = BODY.PEEK[HEADER], RFC822.TEXT = BODY[TEXT],
  // each answered under its own name.
  if (upper === 'RFC822') return { kind: 'section', section: whole('ALL'), label: 'RFC822', peek: false };
  if (upper === 'RFC822.HEADER') {
    return { kind: 'section', section: whole('HEADER'), label: 'RFC822.HEADER', peek: true };
  }
  if (upper === 'RFC822.TEXT') return { kind: 'section', section: whole('TEXT'), label: 'RFC822.TEXT', peek: false };
  const match = SECTION_ITEM.exec(text);
  if (!match) throw new ImapSyntaxError(`Unknown FETCH attribute ${text.slice(0, 40)}`);
  const section = parseSection(match[2]);
  const partial = match[3] === undefined ? undefined : { offset: Number(match[3]), length: Number(match[4]) };
  if (partial && partial.length === 0) throw new ImapSyntaxError('Partial length must be positive');
  const spec = sectionText(section);
  return {
    kind: 'section',
    section: partial ? { ...section, partial } : section,
    // The response names the section as requested, with only the origin of a partial (RFC 3501 §7.4.2).
    label: `BODY[${spec}]${partial ? `<${partial.offset}>` : ''}`,
    peek: match[1].toUpperCase() === 'BODY.PEEK',
  };
}

function whole(specifier: BodySection['specifier']): BodySection {
  return { part: [], specifier };
}

function parseSection(text: string): BodySection {
  if (text === '') return whole('ALL');
  const match = SECTION_SPEC.exec(text);
  if (!match) throw new ImapSyntaxError('Invalid section specification');
  const part = match[1] ? match[1].split('.').map(Number) : [];
  const specifier = ((match[2] ?? match[3])?.toUpperCase() ?? 'ALL') as BodySection['specifier'];
  if (specifier === 'MIME' && part.length === 0) throw new ImapSyntaxError('MIME needs a part number');
  const isFields = specifier === 'HEADER.FIELDS' || specifier === 'HEADER.FIELDS.NOT';
  if (isFields !== (match[4] !== undefined)) throw new ImapSyntaxError('HEADER.FIELDS needs a field list');
  if (!isFields) return { part, specifier };
  const fields = headerFieldList(match[4] ?? '');
  return { part, specifier, fields };
}

/** header-list = "(" header-fld-name *(SP header-fld-name) ")", names being astrings. */
function headerFieldList(text: string): string[] {
  const fields: string[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|([^\s()"]+))/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(text)) !== null) {
    const name = match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
    // RFC 5322 §3.6.8 field names: printable ASCII except ":".
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) throw new ImapSyntaxError('Invalid header field name');
    fields.push(name);
    consumed = pattern.lastIndex;
  }
  if (fields.length === 0 || text.slice(consumed).trim() !== '') throw new ImapSyntaxError('Invalid header list');
  return fields;
}

/** The section-spec as the response writes it ("1.2.HEADER.FIELDS (FROM TO)"). */
function sectionText(section: BodySection): string {
  const parts = section.part.join('.');
  const specifier = section.specifier === 'ALL' ? '' : section.specifier;
  const fields = section.fields ? ` (${section.fields.map((f) => f.toUpperCase()).join(' ')})` : '';
  return [parts, specifier].filter(Boolean).join('.') + fields;
}

/** fetch-modifiers (RFC 4466 §2.4): "(" CHANGEDSINCE mod-sequence [SP VANISHED] ")" in any order. */
export function parseFetchModifiers(values: readonly ImapValue[]): FetchModifiers {
  let changedSince: bigint | undefined;
  let vanished = false;
  for (let i = 0; i < values.length; i++) {
    const item = values[i];
    const name = item.kind === 'atom' ? item.value.toUpperCase() : '';
    if (name === 'CHANGEDSINCE') {
      const value = values[++i];
      if (value?.kind !== 'atom' || !/^\d{1,20}$/.test(value.value)) {
        throw new ImapSyntaxError('CHANGEDSINCE needs a mod-sequence');
      }
      changedSince = BigInt(value.value);
    } else if (name === 'VANISHED') {
      vanished = true;
    } else {
      throw new ImapSyntaxError('Unknown FETCH modifier');
    }
  }
  return { changedSince, vanished };
}
