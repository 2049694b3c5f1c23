/**
 * SEARCH keys (RFC 3501 §6.4.4, RFC 7162 §3.1.5 MODSEQ) as a typed tree, so that the backend can turn
 * it into SQL. Sequence-number sets are resolved to UIDs by the server; dates are calendar days.
 */
export type SearchKey =
  | { readonly kind: 'all' }
  | { readonly kind: 'and'; readonly keys: readonly SearchKey[] }
  | { readonly kind: 'or'; readonly left: SearchKey; readonly right: SearchKey }
  | { readonly kind: 'not'; readonly key: SearchKey }
  | { readonly kind: 'uid'; readonly uids: readonly number[] }
  /** \Seen, \Answered, \Flagged, \Deleted, \Draft, \Recent or a keyword; `set` false for UNSEEN etc. */
  | { readonly kind: 'flag'; readonly flag: string; readonly set: boolean }
  | { readonly kind: 'new' }
  | { readonly kind: 'old' }
  /** Internal date (BEFORE/ON/SINCE) or Date: header (SENTBEFORE/SENTON/SENTSINCE); YYYY-MM-DD. */
  | {
      readonly kind: 'date';
      readonly field: 'internal' | 'sent';
      readonly op: 'before' | 'on' | 'since';
      readonly date: string;
    }
  | { readonly kind: 'size'; readonly op: 'larger' | 'smaller'; readonly bytes: number }
  /** Substring, case-insensitive (RFC 3501 §6.4.4): a named header, or BCC/CC/FROM/SUBJECT/TO. */
  | { readonly kind: 'header'; readonly field: string; readonly value: string }
  | { readonly kind: 'body'; readonly value: string }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'modseq'; readonly modseq: bigint };
