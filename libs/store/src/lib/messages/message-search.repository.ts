import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { toNumber } from '../common/bigint';
import { searchMatches } from './message.repository';
import type { FilterContext, MessageFilter, MessageSortRow, SortAddress } from './message-filter';

/**
 * A filter compiled to SQL. Leaves the database can decide exactly (flags, dates, sizes, UIDs, MODSEQ, the
 * header columns) are SQL; the others ('recheck' leaves: BODY, TEXT, header fields without a column) read
 * the message itself, after a full-text prefilter narrowed the candidates.
 */
export type CompiledFilter =
  | { readonly kind: 'sql'; readonly column: string }
  | { readonly kind: 'recheck'; readonly filter: RecheckFilter }
  | { readonly kind: 'and'; readonly nodes: readonly CompiledFilter[] }
  | { readonly kind: 'or'; readonly nodes: readonly CompiledFilter[] }
  | { readonly kind: 'not'; readonly node: CompiledFilter };

export type RecheckFilter = Extract<MessageFilter, { kind: 'body' | 'text' | 'header' }>;

/** A candidate row: the SQL leaves' values by column name, and what a recheck needs to open the message. */
export interface CandidateRow {
  readonly uid: number;
  readonly modseq: number;
  readonly storeId: string;
  readonly sha256: string;
  readonly leaves: Readonly<Record<string, boolean>>;
}

export interface FilterQuery {
  readonly tree: CompiledFilter;
  /** True when no leaf needs a recheck: the SQL result is the answer. */
  readonly exact: boolean;
}

// RFC 3501 §2.3.2 system flags as the store spells them (see normaliseFlags); keywords compare case-insensitively.
const SYSTEM_FLAGS = new Map(
  ['\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft'].map((f) => [f.toLowerCase(), f]),
);

// Header fields the message row keeps decoded; '' asks whether the field is present (RFC 3501 §6.4.4 HEADER).
const HEADER_COLUMNS: Readonly<Record<string, { value: string; present: string }>> = {
  from: { value: 'from_address', present: `jsonb_typeof(envelope->'from') = 'array'` },
  to: { value: 'to_addresses', present: `jsonb_typeof(envelope->'to') = 'array'` },
  cc: { value: 'cc_addresses', present: `jsonb_typeof(envelope->'cc') = 'array'` },
  subject: { value: 'subject', present: `envelope->>'subject' IS NOT NULL` },
  'message-id': { value: `coalesce(message_id, '')`, present: 'message_id IS NOT NULL' },
  'in-reply-to': { value: `coalesce(in_reply_to, '')`, present: 'in_reply_to IS NOT NULL' },
};

// The calendar day of the Date: header in the zone it was written in (RFC 3501 §6.4.4 SENTON: "disregarding
// time and timezone"), from the stored instant plus the header's own offset; the internal date when absent.
const SENT_DAY = `(CASE WHEN sent_at IS NULL THEN (internal_date AT TIME ZONE 'UTC')::date
  ELSE ((sent_at AT TIME ZONE 'UTC') + coalesce((SELECT make_interval(mins =>
    (CASE WHEN z.m[1] = '-' THEN -1 ELSE 1 END) * (z.m[2]::int * 60 + z.m[3]::int))
    FROM regexp_match(envelope->>'date', '([+-])([0-9]{2})([0-9]{2})[[:space:]]*(\\(.*\\))?[[:space:]]*$') AS z(m)
    WHERE z.m IS NOT NULL), interval '0'))::date END)`;

class Params {
  readonly values: unknown[];
  constructor(first: readonly unknown[]) {
    this.values = [...first];
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** SEARCH, SORT and THREAD queries over one folder's live messages. */
@Injectable()
export class MessageSearchRepository {
  /**
   * The tsquery that finds messages whose indexed text has a word starting with each word of `value`
   * ('simple' parser, as the index was built), or null when the value has no words. A prefilter only:
   * the caller rechecks the substring in the message.
   */
  async prefixQuery(manager: EntityManager, value: string): Promise<string | null> {
    const [row] = await manager.query<Array<{ q: string | null }>>(
      `SELECT string_agg(quote_literal(t.lexeme) || ':*', ' & ') AS q FROM unnest(to_tsvector('simple', $1)) AS t`,
      [value],
    );
    return row?.q ?? null;
  }

  /**
   * Candidates for a compiled filter, ascending by UID. With an exact filter every row matches; otherwise
   * the rows are a superset (recheck leaves assumed true or false as the polarity needs) carrying the value
   * of each SQL leaf, so the caller evaluates the tree without asking the database again.
   */
  async candidates(
    manager: EntityManager,
    folderId: string,
    filter: MessageFilter,
    context: FilterContext,
    prefilters: ReadonlyMap<RecheckFilter, string | null>,
  ): Promise<{ query: FilterQuery; rows: CandidateRow[] }> {
    const params = new Params([folderId]);
    const tree = compile(filter, context, params);
    const query: FilterQuery = { tree, exact: isExact(tree) };
    const where = bound(tree, true, prefilters, params);
    const leaves: string[] = [];
    if (!query.exact) collectSqlLeaves(query.tree, leaves);
    const leafColumns = leaves.map((c, i) => `, (${c}) AS l${i}`).join('');
    const rows = await manager.query<
      Array<
        { uid: string; modseq: string; information_store_id: string; blob_sha256: string } & Record<string, unknown>
      >
    >(
      `SELECT uid, modseq, information_store_id, blob_sha256${leafColumns} FROM message
        WHERE folder_id = $1 AND deleted_at IS NULL AND (${where}) ORDER BY uid`,
      params.values,
    );
    return {
      query,
      rows: rows.map((r) => {
        const values: Record<string, boolean> = {};
        leaves.forEach((c, i) => (values[c] = r[`l${i}`] === true));
        return {
          uid: toNumber(r.uid),
          modseq: toNumber(r.modseq),
          storeId: r.information_store_id,
          sha256: r.blob_sha256,
          leaves: values,
        };
      }),
    };
  }

  /** What SORT and THREAD (RFC 5256) need of the messages among `uids`, ascending by UID. */
  async sortRows(manager: EntityManager, folderId: string, uids: readonly number[]): Promise<MessageSortRow[]> {
    const rows = await manager.query<
      Array<{
        uid: string;
        modseq: string;
        internal_date: Date;
        sent_at: Date | null;
        size: number;
        subject: string;
        from_first: SortAddressJson | null;
        to_first: SortAddressJson | null;
        cc_first: SortAddressJson | null;
        message_id: string | null;
        in_reply_to: string | null;
        message_references: string[];
      }>
    >(
      `SELECT uid, modseq, internal_date, sent_at, size, subject, message_id, in_reply_to, message_references,
              ${firstAddress('from')} AS from_first, ${firstAddress('to')} AS to_first, ${firstAddress('cc')} AS cc_first
         FROM message WHERE folder_id = $1 AND deleted_at IS NULL AND uid = ANY($2::bigint[]) ORDER BY uid`,
      [folderId, uids],
    );
    return rows.map((r) => ({
      uid: toNumber(r.uid),
      modseq: toNumber(r.modseq),
      internalDate: new Date(r.internal_date),
      sentAt: r.sent_at ? new Date(r.sent_at) : null,
      size: r.size,
      subject: r.subject,
      from: sortAddress(r.from_first),
      to: sortAddress(r.to_first),
      cc: sortAddress(r.cc_first),
      messageId: r.message_id,
      inReplyTo: r.in_reply_to,
      references: r.message_references,
    }));
  }
}

interface SortAddressJson {
  name?: string | null;
  mailbox?: string | null;
  host?: string | null;
}

// The first real mailbox of an envelope address list (a group start marker has host null: skipped).
function firstAddress(field: 'from' | 'to' | 'cc'): string {
  return `(SELECT a FROM jsonb_array_elements(CASE WHEN jsonb_typeof(envelope->'${field}') = 'array'
      THEN envelope->'${field}' ELSE '[]'::jsonb END) WITH ORDINALITY AS e(a, n)
    WHERE a->>'host' IS NOT NULL ORDER BY n LIMIT 1)`;
}

function sortAddress(json: SortAddressJson | null): SortAddress | null {
  if (!json) return null;
  return { mailbox: json.mailbox ?? '', host: json.host ?? '', name: json.name ?? null };
}

function compile(filter: MessageFilter, context: FilterContext, p: Params): CompiledFilter {
  const sql = (column: string): CompiledFilter => ({ kind: 'sql', column });
  switch (filter.kind) {
    case 'all':
      return sql('TRUE');
    case 'and':
      return { kind: 'and', nodes: filter.keys.map((k) => compile(k, context, p)) };
    case 'or':
      return { kind: 'or', nodes: [compile(filter.left, context, p), compile(filter.right, context, p)] };
    case 'not':
      return { kind: 'not', node: compile(filter.key, context, p) };
    case 'uid':
      return sql(`uid = ANY(${p.add(filter.uids)}::bigint[])`);
    case 'flag': {
      const test = flagTest(filter.flag, context, p);
      return sql(filter.set ? test : `NOT (${test})`);
    }
    case 'new':
      return sql(`${recentTest(context, p)} AND NOT ('\\Seen' = ANY(flags))`);
    case 'old':
      return sql(`NOT ${recentTest(context, p)}`);
    case 'date': {
      const day = p.add(filter.date);
      if (filter.field === 'sent') {
        const cmp = { before: '<', on: '=', since: '>=' }[filter.op];
        return sql(`${SENT_DAY} ${cmp} ${day}::date`);
      }
      // Instants, so the (folder_id, internal_date) index serves: the day starts at 00:00 UTC.
      const start = `(${day}::date::timestamp AT TIME ZONE 'UTC')`;
      if (filter.op === 'before') return sql(`internal_date < ${start}`);
      if (filter.op === 'since') return sql(`internal_date >= ${start}`);
      return sql(`internal_date >= ${start} AND internal_date < ${start} + interval '1 day'`);
    }
    case 'size':
      return sql(`size ${filter.op === 'larger' ? '>' : '<'} ${p.add(filter.bytes)}::bigint`);
    case 'modseq':
      return sql(`modseq >= ${p.add(String(filter.modseq))}::bigint`);
    case 'header': {
      const column = HEADER_COLUMNS[filter.field.toLowerCase()];
      if (!column) return { kind: 'recheck', filter };
      if (filter.value === '') return sql(`coalesce(${column.present}, FALSE)`);
      return sql(`strpos(lower(${column.value}), lower(${p.add(filter.value)})) > 0`);
    }
    case 'body':
    case 'text':
      return { kind: 'recheck', filter };
  }
}

function flagTest(flag: string, context: FilterContext, p: Params): string {
  const lower = flag.toLowerCase();
  if (lower === '\\recent') return recentTest(context, p);
  const system = SYSTEM_FLAGS.get(lower);
  // A literal, not a parameter: the planner matches it against the partial indexes of unseen and \Deleted
  // messages (a generic plan cannot see a parameter's value). The spelling comes from SYSTEM_FLAGS only.
  if (system) return `'${system}' = ANY(flags)`;
  return `EXISTS (SELECT 1 FROM unnest(flags) AS f WHERE lower(f) = ${p.add(lower)})`;
}

function recentTest(context: FilterContext, p: Params): string {
  return `(uid = ANY(${p.add(context.recentUids ?? [])}::bigint[]))`;
}

function isExact(node: CompiledFilter): boolean {
  switch (node.kind) {
    case 'sql':
      return true;
    case 'recheck':
      return false;
    case 'not':
      return isExact(node.node);
    case 'and':
    case 'or':
      return node.nodes.every(isExact);
  }
}

function collectSqlLeaves(node: CompiledFilter, out: string[]): void {
  if (node.kind === 'sql') {
    if (!out.includes(node.column)) out.push(node.column);
  } else if (node.kind === 'not') collectSqlLeaves(node.node, out);
  else if (node.kind === 'and' || node.kind === 'or') for (const n of node.nodes) collectSqlLeaves(n, out);
}

/**
 * With `upper`, a condition true for every message that may match: recheck leaves become their full-text prefilter (or
 * TRUE) where a match helps and FALSE under a negation, so that NOT never drops a message that matches.
 */
function bound(
  node: CompiledFilter,
  upper: boolean,
  prefilters: ReadonlyMap<RecheckFilter, string | null>,
  p: Params,
): string {
  switch (node.kind) {
    case 'sql':
      return `(${node.column})`;
    case 'recheck': {
      if (!upper) return 'FALSE';
      const query = prefilters.get(node.filter);
      // Pending rows (not indexed yet) stay candidates: the recheck decides for them as for the others.
      return query ? searchMatches('message', `to_tsquery('simple', ${p.add(query)})`, false) : 'TRUE';
    }
    case 'not':
      return `NOT ${bound(node.node, !upper, prefilters, p)}`;
    case 'and':
      return node.nodes.length === 0
        ? 'TRUE'
        : `(${node.nodes.map((n) => bound(n, upper, prefilters, p)).join(' AND ')})`;
    case 'or':
      return `(${node.nodes.map((n) => bound(n, upper, prefilters, p)).join(' OR ')})`;
  }
}
