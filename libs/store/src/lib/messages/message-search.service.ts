import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decodeUnstructured, parseMimeStructure, type HeaderFields } from '@estafette/mime';
import { BLOB_STORE, type BlobStore } from '../blobs/blob-store';
import { storeNamespace } from '../blobs/blob-namespace';
import type { FilterContext, MessageFilter, MessageSortRow } from './message-filter';
import {
  MessageSearchRepository,
  type CandidateRow,
  type CompiledFilter,
  type RecheckFilter,
} from './message-search.repository';

export interface FilterResult {
  /** Matching UIDs, ascending. */
  readonly uids: number[];
  /** Highest MODSEQ among the matches (0 when none): RFC 7162 §3.1.5 SEARCH MODSEQ answers it. */
  readonly highestModseq: number;
}

interface ParsedMessage {
  readonly headers: HeaderFields;
  readonly text: string;
}

// Messages read at once when leaves need the message itself.
const RECHECK_PARALLELISM = 8;

/**
 * Filters a folder's live messages in one SQL query: flags, dates, sizes, UIDs, MODSEQ and the header
 * columns exactly; BODY, TEXT and other header fields through the full-text index (words starting with each
 * word of the value) and then an exact case-insensitive substring test on the parsed message.
 *
 * Known limit: the full-text prefilter finds a BODY/TEXT value only where it starts at a word boundary as
 * the 'simple' parser splits words, TEXT only in the indexed headers (From, To, Cc, Subject), and both only
 * in the alternative of a multipart/alternative that a client shows (the last with text), as full-text
 * servers do (RFC 3501 §6.4.4 asks for a substring; Dovecot with FTS behaves the same).
 */
@Injectable()
export class MessageSearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BLOB_STORE) private readonly blobStore: BlobStore,
    private readonly repository: MessageSearchRepository,
  ) {}

  async filter(folderId: string, filter: MessageFilter, context: FilterContext = {}): Promise<FilterResult> {
    const prefilters = new Map<RecheckFilter, string | null>();
    for (const leaf of textLeaves(filter))
      prefilters.set(leaf, await this.repository.prefixQuery(this.db.manager, leaf.value));
    const { query, rows } = await this.repository.candidates(this.db.manager, folderId, filter, context, prefilters);
    const matches = query.exact ? rows : await this.recheck(query.tree, rows);
    return {
      uids: matches.map((r) => r.uid),
      highestModseq: matches.reduce((max, r) => Math.max(max, r.modseq), 0),
    };
  }

  /** SORT and THREAD keys (RFC 5256) of the messages among `uids`, ascending by UID. */
  sortRows(folderId: string, uids: readonly number[]): Promise<MessageSortRow[]> {
    return this.repository.sortRows(this.db.manager, folderId, uids);
  }

  private async recheck(tree: CompiledFilter, rows: readonly CandidateRow[]): Promise<CandidateRow[]> {
    const out: CandidateRow[] = [];
    for (let i = 0; i < rows.length; i += RECHECK_PARALLELISM) {
      const batch = rows.slice(i, i + RECHECK_PARALLELISM);
      const verdicts = await Promise.all(
        batch.map((row) => this.evaluate(tree, row, lazyMessage(this.blobStore, row))),
      );
      batch.forEach((row, n) => verdicts[n] && out.push(row));
    }
    return out;
  }

  private async evaluate(
    node: CompiledFilter,
    row: CandidateRow,
    message: () => Promise<ParsedMessage>,
  ): Promise<boolean> {
    switch (node.kind) {
      case 'sql':
        return row.leaves[node.column] === true;
      case 'recheck':
        return matchesMessage(node.filter, await message());
      case 'not':
        return !(await this.evaluate(node.node, row, message));
      case 'and':
        for (const n of node.nodes) if (!(await this.evaluate(n, row, message))) return false;
        return true;
      case 'or':
        for (const n of node.nodes) if (await this.evaluate(n, row, message)) return true;
        return false;
    }
  }
}

/** BODY and TEXT leaves of a filter: the ones the full-text index can narrow. */
function textLeaves(filter: MessageFilter): RecheckFilter[] {
  switch (filter.kind) {
    case 'body':
    case 'text':
      return [filter];
    case 'and':
      return filter.keys.flatMap(textLeaves);
    case 'or':
      return [...textLeaves(filter.left), ...textLeaves(filter.right)];
    case 'not':
      return textLeaves(filter.key);
    default:
      return [];
  }
}

function lazyMessage(blobs: BlobStore, row: CandidateRow): () => Promise<ParsedMessage> {
  let parsed: Promise<ParsedMessage> | undefined;
  return () =>
    (parsed ??= parseMimeStructure(blobs.open(storeNamespace(row.storeId), row.sha256)).then((p) => ({
      headers: p.root.headers,
      text: p.text,
    })));
}

function contains(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

// Substring tests of RFC 3501 §6.4.4 on the raw field value and on its RFC 2047 decoding.
function fieldContains(value: string, needle: string): boolean {
  return contains(value, needle) || contains(decodeUnstructured(value), needle);
}

function matchesMessage(filter: RecheckFilter, message: ParsedMessage): boolean {
  switch (filter.kind) {
    case 'header': {
      const values = message.headers.getAll(filter.field);
      return filter.value === '' ? values.length > 0 : values.some((v) => fieldContains(v, filter.value));
    }
    case 'body':
      return contains(message.text, filter.value);
    case 'text':
      return (
        contains(message.text, filter.value) ||
        message.headers.fields.some((f) => fieldContains(`${f.name}: ${f.value}`, filter.value))
      );
  }
}
